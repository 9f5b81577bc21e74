// Package baseurltest holds base URLs for tests: the spellings of a URL
// with a password that no error may echo, shared by the client's tests of
// ParseBaseURL and the provider's tests of base_url and
// EIGHTXEIGHT_BASE_URL; and random API keys, which no setting's error may
// echo either. Only tests import it.
package baseurltest

import (
	"math/rand/v2"
	"strings"
)

// MalformedUserInfo are spellings of a base URL with a password (pwA and
// pwB, or both together) that a user could write: missing or extra
// slashes, backslashes, percent-encoded @ and colon, an @ in the path,
// query or fragment, control characters, white space, IPv6 brackets, no
// scheme or another one, a password cut by a separator, and a password
// without an @: as the port, in brackets, after them.
func MalformedUserInfo(pwA, pwB string) []string {
	pw := pwA + pwB
	return []string{
		"https://alice:" + pw + "@gw.example",
		"https:alice:" + pw + "@gw.example",
		"https:/alice:" + pw + "@gw.example/8x8",
		"https:///alice:" + pw + "@gw.example/8x8",
		"https:////alice:" + pw + "@gw.example",
		`https:\\alice:` + pw + "@gw.example",
		`https:/\alice:` + pw + "@gw.example",
		`https:\\\\alice:` + pw + "@gw.example",
		"https//alice:" + pw + "@gw.example",
		"https:alice:" + pw + "@gw.example:443/x",
		"alice:" + pw + "@gw.example",
		"//alice:" + pw + "@gw.example",
		"alice:" + pw + "@localhost:18089",
		"ftp://alice:" + pw + "@gw.example",
		"mailto:alice:" + pw + "@gw.example",
		"http://alice:" + pw + "@gw.example",
		"http://alice:" + pw + "@127.0.0.1:18089",
		"HTTPS://alice:" + pw + "@GW.EXAMPLE",
		"  https://alice:" + pw + "@gw.example\n",
		"https://alice%3A" + pw + "@gw.example",
		"https://alice:" + pw + "%40gw.example",
		"https://alice:" + pw + "%40gw.example/8x8",
		"https://alice:" + pw + "%2540gw.example",
		"https:%2F%2Falice:" + pw + "@gw.example",
		"https://gw.example/alice:" + pw + "@x",
		"https://gw.example/8x8?alice:" + pw + "@x",
		"https://gw.example/8x8?token=" + pw,
		"https://gw.example#alice:" + pw + "@x",
		"https://gw.example#" + pw,
		"https://alice:" + pw + "@gw.example\x01",
		"https://alice:" + pw + "\n@gw.example",
		"https://alice:" + pwA + "\x7f" + pwB + "@gw.example",
		"https://alice:" + pwA + " " + pwB + "@gw.example",
		"https://alice:" + pw + "@gw example",
		"https:// alice:" + pw + "@gw.example",
		"https://alice:" + pw + "@gw.example/%zz",
		"https://alice:" + pw + "@[::1",
		"https://alice:" + pw + "@[::1]:99999",
		"http://alice:" + pw + "@[::1]:18089",
		"https://[alice:" + pw + "@::1]",
		"https://alice:" + pw + "@",
		"https://alice:" + pw + "@:443",
		"https://:" + pw + "@gw.example",
		"https://" + pw + "@gw.example",
		"https://alice:" + pw + "@@gw.example",
		"https://@alice:" + pw,
		"https://alice:" + pw,
		"https://alice:" + pw + "/8x8",
		"https:alice:" + pw,
		"alice:" + pw,
		"alice:" + pw + "@",
		"https://alice:" + pwA + "#" + pwB + "@gw.example",
		"https://alice:" + pwA + "/" + pwB + "@gw.example",
		"https://alice:" + pwA + "?" + pwB + "@gw.example",
		"https://alice:" + pwA + "@" + pwB + "@gw.example",
		"https://alice:" + pwA + "%40" + pwB + "@gw.example",
		"https://alice:" + pwA + `\` + pwB + "@gw.example",
		"https://[alice:" + pw + "]",
		"http://[alice:" + pw + "]:3128",
		"https://[::1]x:" + pw + "/",
		"https://[::1]:" + pw,
		"https://[alice:" + pw,
		"https://gw.example:" + pw + "/8x8",
	}
}

// LeakedFragment is the first 4 characters in a row of any secret that
// text shows, or "".
func LeakedFragment(text string, secrets ...string) string {
	for _, s := range secrets {
		for i := 0; i+4 <= len(s); i++ {
			if strings.Contains(text, s[i:i+4]) {
				return s[i : i+4]
			}
		}
	}
	return ""
}

// RandomKeys are n keys of each length from 8 to 32 characters, in each of
// the alphabets an API key may be written with: letters and digits, the
// same with - and _ (base64url) or + / and = (base64), lower-case letters
// only, letters only, digits only, hexadecimal digits.
// The same keys on every run (seeded).
func RandomKeys(n int) []string {
	const alphanumeric = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	r := rand.New(rand.NewPCG(8, 8))
	var keys []string
	for _, alphabet := range []string{alphanumeric, alphanumeric + "-_", alphanumeric + "+/=", alphanumeric[:26], alphanumeric[:52], alphanumeric[52:], "0123456789abcdef"} {
		for length := 8; length <= 32; length++ {
			for range n {
				b := make([]byte, length)
				for i := range b {
					b[i] = alphabet[r.IntN(len(alphabet))]
				}
				keys = append(keys, string(b))
			}
		}
	}
	return keys
}
