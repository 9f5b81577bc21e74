package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client/baseurltest"
)

func TestParseBaseURL(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://chatapps.8x8.com":     true,
		"https://chatapps.8x8.com/":    true,
		"https://proxy.example/8x8":    true,
		"http://127.0.0.1:8080":        true,
		"http://127.9.9.9":             true,
		"http://localhost:1234":        true,
		"http://LocalHost:1234":        true,
		"http://[::1]:9":               true,
		"http://chatapps.8x8.com":      false,
		"http://10.0.0.1":              false,
		"http://localhost.example.com": false,
		"ftp://chatapps.8x8.com":       false,
		"chatapps.8x8.com":             false,
		"https://":                     false,
		"https://u:p@chatapps.8x8.com": false,
		"https://u@chatapps.8x8.com":   false,
		"https://chatapps.8x8.com?x=1": false,
		"https://chatapps.8x8.com?":    false,
		"https://chatapps.8x8.com#top": false,
		"https://chatapps.8x8.com#":    false,
		"":                             false,
		"https://%zz":                  false,
	} {
		_, err := ParseBaseURL(raw)
		if (err == nil) != ok {
			t.Errorf("%q: err %v, want ok=%v", raw, err, ok)
		}
	}
}

// A base URL's path is a prefix kept in front of /api/v1 (a proxy's, say),
// with its escaping as written; /api/v1 at its end is recognized, not
// doubled; the host's case does not matter.
func TestParseBaseURL_pathAndHost(t *testing.T) {
	for raw, want := range map[string]string{
		"https://chatapps.8x8.com":                "https://chatapps.8x8.com",
		"https://ChatApps.8x8.COM/":               "https://chatapps.8x8.com",
		"https://chatapps.8x8.com/api/v1":         "https://chatapps.8x8.com",
		"https://chatapps.8x8.com/api/v1/":        "https://chatapps.8x8.com",
		"https://proxy.example/8x8":               "https://proxy.example/8x8",
		"https://proxy.example/8x8//":             "https://proxy.example/8x8",
		"https://proxy.example/8x8/api/v1":        "https://proxy.example/8x8",
		"https://proxy.example/a%2Fb":             "https://proxy.example/a%2Fb",
		"https://proxy.example/a%2Fb/api/v1":      "https://proxy.example/a%2Fb",
		"https://proxy.example/api/v1/extra":      "https://proxy.example/api/v1/extra",
		"  https://proxy.example:8443/gw/api/v1 ": "https://proxy.example:8443/gw",
	} {
		u, err := ParseBaseURL(raw)
		if err != nil || u.String() != want {
			t.Errorf("%q: got %v, %v; want %s", raw, u, err, want)
		}
	}
}

// No error echoes a password or a user name given in the URL.
func TestParseBaseURL_neverEchoesUserInfo(t *testing.T) {
	for _, raw := range []string{
		"https://user:s3cret@chatapps.8x8.com",
		"https://s3cret@chatapps.8x8.com",
		"https://user:s3cret@%zz",
		"ftp://user:s3cret@chatapps.8x8.com",
		"http://user:s3cret@chatapps.8x8.com",
		"https://user:s3cret@",
	} {
		_, err := ParseBaseURL(raw)
		if err == nil || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%q: %v", raw, err)
		}
	}
	_, err := ParseBaseURL("https://user:s3cret@chatapps.8x8.com")
	if want := `"https://***@chatapps.8x8.com" must not hold a user name or password (nor any @): the API key is the only credential sent; ` +
		`write "https://chatapps.8x8.com"`; err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// The request goes to the base URL's path prefix, then /api/v1/…, and
// every error names the whole URL called.
func TestListWebhooks_urlCalled(t *testing.T) {
	for prefix, wantPath := range map[string]string{
		"":             "/api/v1/accounts/" + account + "/webhooks",
		"/api/v1":      "/api/v1/accounts/" + account + "/webhooks",
		"/8x8":         "/8x8/api/v1/accounts/" + account + "/webhooks",
		"/8x8/api/v1/": "/8x8/api/v1/accounts/" + account + "/webhooks",
		"/a%2Fb":       "/a%2Fb/api/v1/accounts/" + account + "/webhooks",
	} {
		var got string
		var base string
		c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
			got = r.URL.EscapedPath()
			w.WriteHeader(http.StatusNotFound)
		}, func(c *Config) { base = c.BaseURL; c.BaseURL += prefix })
		_, err := c.ListWebhooks(context.Background(), account)
		if got != wantPath {
			t.Errorf("base path %q: the server saw %q, want %q", prefix, got, wantPath)
		}
		var apiErr *APIError
		if want := "GET " + base + wantPath + ": HTTP 404 Not Found: empty response body"; !errors.As(err, &apiErr) || err.Error() != want {
			t.Errorf("base path %q: got %v\nwant %s", prefix, err, want)
		}
	}
}

// The client checks an account id itself (8x8's pattern): an id that is
// not one is refused before any request, whatever the caller checked.
func TestListWebhooks_accountIDChecked(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) { hits.Add(1) })
	for _, id := range []string{
		"", "../../admin", "3f2a9c1e/7b4d-4e8a-9f6b-2c5d8e1a4b7f", "3f2a9c1e 7b4d 4e8a 9f6b 2c5d8e1a4b7f",
		"3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7", "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f?x", "3f2a9c1e%2F7b4d4e8a9f6b2c5d8e1a4b7f",
	} {
		_, err := c.ListWebhooks(context.Background(), id)
		if err == nil || !strings.Contains(err.Error(), "is not an 8x8 account id") {
			t.Errorf("%q: %v", id, err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("%d requests for invalid account ids", n)
	}
}

// A password cut by '#', '/' or '?' is not echoed by url.Parse's error.
func TestParseBaseURL_passwordCutBySeparatorsNeverEchoed(t *testing.T) {
	for _, raw := range []string{"https://u:Hunter2Secret#1@gw.example", "https://u:Hunter2Secret/1@gw.example", "https://u:Hunter2Secret?1@gw.example"} {
		if _, err := ParseBaseURL(raw); err == nil || strings.Contains(err.Error(), "Hunter2Secret") {
			t.Errorf("%s: %v", raw, err)
		}
	}
}

// An impossible port is refused at once, not retried as a network error.
func TestParseBaseURL_impossiblePortRefusedAtOnce(t *testing.T) {
	for _, raw := range []string{"https://chatapps.8x8.com:99999", "https://chatapps.8x8.com:0", "https://chatapps.8x8.com:"} {
		if _, err := ParseBaseURL(raw); err == nil || !strings.Contains(err.Error(), "has no valid port") {
			t.Errorf("%s: %v", raw, err)
		}
	}
	if _, err := ParseBaseURL("https://[::1]:443"); err != nil {
		t.Errorf("an IPv6 host with a port: %v", err)
	}
}

// No spelling of a base URL with user info, however malformed, gets an
// error that shows any part of the password.
func TestParseBaseURL_malformedNeverEchoesPassword(t *testing.T) {
	const pwA, pwB = "Zq8kS3cr", "Xv4tPw77"
	for _, raw := range baseurltest.MalformedUserInfo(pwA, pwB) {
		_, err := ParseBaseURL(raw)
		if err == nil {
			t.Errorf("%q: accepted", raw)
			continue
		}
		if frag := baseurltest.LeakedFragment(err.Error(), pwA, pwB); frag != "" {
			t.Errorf("%q: the error shows %q of the password: %v", raw, frag, err)
		}
	}
}

// A base URL without a scheme, with another one, or without the slashes
// gets an error that says what to write: the URL meant, with http:// for
// a loopback host (which the provider allows over plain HTTP) and https://
// otherwise, without the user info.
func TestParseBaseURL_saysWhatToWrite(t *testing.T) {
	const loopback = " (plain http:// is allowed for loopback hosts only)"
	for raw, want := range map[string]string{
		"127.0.0.1:18089":          `"127.0.0.1:18089" must start with http:// or https://; write "http://127.0.0.1:18089"` + loopback,
		"localhost:18089":          `"localhost:18089" must start with http:// or https://; write "http://localhost:18089"` + loopback,
		"localhost":                `"localhost" must start with http:// or https://; write "http://localhost"` + loopback,
		"127.0.0.1":                `"127.0.0.1" must start with http:// or https://; write "http://127.0.0.1"` + loopback,
		"[::1]:18089":              `"[::1]:18089" must start with http:// or https://; write "http://[::1]:18089"` + loopback,
		"::1":                      `"::1" must start with http:// or https://; write "http://[::1]"` + loopback,
		"localhost:18089/api/v1":   `"localhost:18089/api/v1" must start with http:// or https://; write "http://localhost:18089/api/v1"` + loopback,
		"ws://localhost:18089":     `"ws://localhost:18089" must start with http:// or https://; write "http://localhost:18089"` + loopback,
		"chatapps.8x8.com":         `"chatapps.8x8.com" must start with https://; write "https://chatapps.8x8.com"`,
		"gw.example:8443":          `"gw.example:8443" must start with https://; write "https://gw.example:8443"`,
		"gw.example/8x8":           `"gw.example/8x8" must start with https://; write "https://gw.example/8x8"`,
		"ftp://chatapps.8x8.com":   `"ftp://chatapps.8x8.com" must start with https://; write "https://chatapps.8x8.com"`,
		"wss://gw.example/8x8":     `"wss://gw.example/8x8" must start with https://; write "https://gw.example/8x8"`,
		"https:chatapps.8x8.com":   `"https:chatapps.8x8.com" has no host right after "https://"; write "https://chatapps.8x8.com"`,
		"https:/gw.example/8x8":    `"https:/gw.example/8x8" has no host right after "https://"; write "https://gw.example/8x8"`,
		"https:///gw.example":      `"https:///gw.example" has no host right after "https://"; write "https://gw.example"`,
		`https:\\gw.example`:       `"https:\\\\gw.example" has no host right after "https://"; write "https://gw.example"`,
		"https//gw.example":        `"https//gw.example" has no host right after "https://"; write "https://gw.example"`,
		"http:localhost:18089":     `"http:localhost:18089" has no host right after "http://"; write "http://localhost:18089"`,
		"https://":                 `"https://" has no host right after "https://"; write "https://<host>"`,
		"http://chatapps.8x8.com":  `"http://chatapps.8x8.com" uses http://, which would send the API key in clear text; write "https://chatapps.8x8.com" (http:// is allowed only for loopback hosts such as 127.0.0.1 or localhost)`,
		"https://gw.example/8x8?x": `"https://gw.example/8x8?…" must be a scheme, host and optional path only (no query or fragment); write "https://gw.example/8x8"`,
		"alice:pw@localhost:18089": `"***@localhost:18089" must not hold a user name or password (nor any @): the API key is the only credential sent; write "http://localhost:18089"`,
		"https:alice:pw@gw.example": `"https:***@gw.example" must not hold a user name or password (nor any @): the API key is the only credential sent; ` +
			`write "https://gw.example"`,
		"https://alice:pw":   `"https://alice:***" has no valid port: a port is a number from 1 to 65535`,
		"https://[::1]x:pw/": `"https://[::1]***/" has no valid port: a port is a number from 1 to 65535`,
		"https://[alice:pw]": `"https://[***]" is not a valid URL (the host in brackets is not an IPv6 address); write "https://<host>"`,
		"https://gw.example/%zz": `"https://gw.example/%zz" is not a valid URL (a percent sign that does not start an escape such as %2F); ` +
			`write "https://<host>"`,
		"https://gw example":               `"https://gw example" is not a valid URL (invalid character " " in host name); write "https://<host>"`,
		"":                                 `the URL is empty; write "https://<host>", or leave it out to use the region's URL`,
		"0.0.0.0:18932":                    unspecified("0.0.0.0:18932", "0.0.0.0", "http://127.0.0.1:18932"),
		"0.0.0.0":                          unspecified("0.0.0.0", "0.0.0.0", "http://127.0.0.1"),
		"[::]:18932":                       unspecified("[::]:18932", "::", "http://[::1]:18932"),
		"::":                               unspecified("::", "::", "http://[::1]"),
		"http://0.0.0.0:18932":             unspecified("http://0.0.0.0:18932", "0.0.0.0", "http://127.0.0.1:18932"),
		"https://[::]:8443/gw":             unspecified("https://[::]:8443/gw", "::", "https://[::1]:8443/gw"),
		"q7XkAbCdEfGhIjKlMnOpQrStUvWxsGa2": notAURL(32),
		"emulator-demo-key-7d1c4a9e":       notAURL(26),
		"Secr3t/Pw+x=":                     notAURL(12),
		"AbCd.EfGh.IjKl":                   notAURL(14),
		"alice:pw":                         notAURL(8),
		"alice:pw@":                        notAURL(9),
		"Xv4tPw77@Zq8kS3cr":                notAURL(17),
	} {
		_, err := ParseBaseURL(raw)
		if err == nil || err.Error() != want {
			t.Errorf("%q:\ngot  %v\nwant %s", raw, err, want)
		}
	}
}

// notAURL is the error for a base URL that is not plausibly one, of n
// characters.
func notAURL(n int) string {
	return fmt.Sprintf("the value is not a URL (%d characters, no scheme, no host name): write https://chatapps.8x8.com or the URL "+
		"of your region, or http://127.0.0.1:PORT for a local emulator", n)
}

// A value that is not plausibly a URL or a host (an API key given as the
// base URL, say, with or without the characters of base64) is described
// by its length only: no part of it is shown or suggested as a host.
func TestParseBaseURL_notAURLNeverShown(t *testing.T) {
	const alphabet = "q7XkAbCdEfGhIjKlMnOpQrStUvWxsGa2Zz09"
	for _, sep := range []string{"", ".", "/", "+", "=", "-", "_", ":", "@", "%", "~"} {
		for _, n := range []int{16, 32, 43, 64} {
			key := alphabet[:n/2] + sep + strings.Repeat(alphabet, 2)[n/2:n]
			_, err := ParseBaseURL(key)
			if err == nil || baseurltest.LeakedFragment(err.Error(), key) != "" || !strings.HasPrefix(err.Error(), "the value is not a URL (") {
				t.Errorf("%q: %v", key, err)
			}
		}
	}
}

// unspecified is the error for a base URL raw whose host is host, an
// address a server listens on for all its interfaces: write is the
// loopback URL to connect to instead.
func unspecified(raw, host, write string) string {
	return fmt.Sprintf("%q names %s, which a server listens on to accept connections on all its interfaces, but which is no address "+
		"to connect to; write %q to reach that server on this machine, through loopback", raw, host, write)
}

// No random key (letters and digits, base64 with its "/", base64url) is
// taken for a URL or a host: given as base_url, a proxy variable or a
// region, it is described by its length, never shown. Base64 whose first
// "/" followed a single-case run passed for "host/path" and was printed.
func TestShownURL_randomKeysNeverShown(t *testing.T) {
	for _, key := range baseurltest.RandomKeys(100) {
		if LooksLikeURL(key) || strings.Contains(shownURL(key), key[:8]) {
			t.Fatalf("%q is shown as %s", key, shownURL(key))
		}
		if _, err := ParseBaseURL(key); err == nil || strings.Contains(err.Error(), key[:8]) {
			t.Fatalf("base_url %q: %v", key, err)
		}
		if _, err := parseProxyURL("HTTPS_PROXY", key); err != nil && strings.Contains(err.Error(), key[:8]) {
			t.Fatalf("HTTPS_PROXY %q: %v", key, err)
		}
	}
}
