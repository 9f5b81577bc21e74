package client

import (
	"strings"
	"testing"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client/baseurltest"
)

// An account id that is not one gets one error that says what is wrong and
// what to write. It quotes the value only when it is id-like (hexadecimal
// digits, dashes, braces and white space, at most 40 characters: a typo),
// so that an API key given as the account id is never shown: its length,
// and the first character that cannot be in an id, are.
func TestCheckAccountID_messages(t *testing.T) {
	const id = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
	const write = `write a UUID, 32 hexadecimal digits with optional dashes, such as "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"`
	for value, want := range map[string]string{
		id + "\n":                               `"` + id + `\n" is not an 8x8 account id: it ends with a line break; remove the white space around it, for example with trimspace(...)`,
		id + "\r\n":                             `"` + id + `\r\n" is not an 8x8 account id: it ends with a carriage return and a line break; remove the white space around it, for example with trimspace(...)`,
		"  " + id:                               `"  ` + id + `" is not an 8x8 account id: it starts with 2 spaces; remove the white space around it, for example with trimspace(...)`,
		"\t" + id + " ":                         `"\t` + id + ` " is not an 8x8 account id: it starts with a tab and ends with a space; remove the white space around it, for example with trimspace(...)`,
		id + "\u00a0":                           `the value is not an 8x8 account id: it has 37 characters, and its character 37 is a no-break space (U+00A0); remove the white space around it, for example with trimspace(...)`,
		"3f2a9c1e 7b4d 4e8a 9f6b 2c5d8e1a4b7f":  `"3f2a9c1e 7b4d 4e8a 9f6b 2c5d8e1a4b7f" is not an 8x8 account id: it holds 4 white-space characters, the first a space at character 9; remove the white space in it`,
		"3f2a9c1e7b4d4e8a 9f6b2c5d8e1a4b7f":     `"3f2a9c1e7b4d4e8a 9f6b2c5d8e1a4b7f" is not an 8x8 account id: it holds a space at character 17; remove the white space in it`,
		"{" + id + "}":                          `"{` + id + `}" is not an 8x8 account id: remove the braces around it`,
		" {" + id + "}\n":                       `" {` + id + `}\n" is not an 8x8 account id: remove the braces and the white space around it`,
		"3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7":   `"3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7" is not an 8x8 account id: it has 31 hexadecimal digits, not 32; ` + write,
		"3f2a9c1e7-b4d-4e8a-9f6b-2c5d8e1a4b7f":  `"3f2a9c1e7-b4d-4e8a-9f6b-2c5d8e1a4b7f" is not an 8x8 account id: its dashes are not where a UUID has them (8-4-4-4-12); ` + write,
		"":                                      `"" is not an 8x8 account id: it has 0 hexadecimal digits, not 32; ` + write,
		"nope":                                  `the value is not an 8x8 account id: it has 4 characters, and its character 1, "n", cannot be in one; ` + write,
		"q7XkAbCdEfGhIjKlMnOpQrStUvWxsGa2":      `the value is not an 8x8 account id: it has 32 characters, and its character 1, "q", cannot be in one; ` + write,
		"3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7fQ": `the value is not an 8x8 account id: it has 37 characters, and its character 37, "Q", cannot be in one; ` + write,
		"\u200b" + id:                           `the value is not an 8x8 account id: it has 37 characters, and its character 1 is an invisible one, U+200B (zero-width space); remove it (most editors do not show it)`,
		id + "\ufeff":                           `the value is not an 8x8 account id: it has 37 characters, and its character 37 is an invisible one, U+FEFF (byte order mark); remove it (most editors do not show it)`,
		"3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a\u00ad4b7f": `the value is not an 8x8 account id: it has 37 characters, and its character 33 is an invisible one, U+00AD (soft hyphen); remove it (most editors do not show it)`,
		"\u2060nope":  `the value is not an 8x8 account id: it has 5 characters, and its character 1 is an invisible one, U+2060 (a format character); ` + write,
		"../../admin": `the value is not an 8x8 account id: it has 11 characters, and its character 1, ".", cannot be in one; ` + write,
		"3f2a9c1e\x1b[2J7b4d4e8a9f6b2c5d8e1a4b7f": `the value is not an 8x8 account id: it has 36 characters, and its character 9 is a control character (U+001B); ` + write,
		strings.Repeat("0123456789abcdef", 4):     `the value is not an 8x8 account id: it has 64 characters, all hexadecimal digits or dashes, and an id has 32 digits; ` + write,
	} {
		err := CheckAccountID(value)
		if err == nil || err.Error() != want {
			t.Errorf("%q:\ngot  %v\nwant %s", value, err, want)
		}
	}
}

// No part of an API key given as the account id is shown, whatever its
// alphabet: only id-like values (at most 40 characters of hexadecimal
// digits, dashes, braces and white space) are quoted.
func TestCheckAccountID_keyNeverShown(t *testing.T) {
	for _, key := range []string{
		"q7XkAbCdEfGhIjKlMnOpQrStUvWxsGa2", "sk-live-7f3a9c2e1b4d8a6f", "emulator-demo-key-7d1c4a9e", "Zq8kS3cr/Xv4tPw77+abc=",
		strings.Repeat("7f3a9c2e", 8), "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f-7f3a9c2e", "Bearer q7XkAbCdEfGhIjKl",
	} {
		err := CheckAccountID(key)
		if err == nil || baseurltest.LeakedFragment(strings.ReplaceAll(err.Error(), ExampleAccountID, ""), key) != "" {
			t.Errorf("%q: %v", key, err)
		}
	}
}

// A token of hexadecimal digits or of digits is not quoted, whatever its
// length: only a mistyped id in groups (dashes) or with white space is.
func TestCheckAccountID_hexTokenNotShown(t *testing.T) {
	tokens := []string{strings.Repeat("a1b2c3d4e5", 4), "0123456789abcdef"}
	for n := 28; n <= 36; n++ {
		if n != 32 { // 32 digits are an id: the request is sent
			tokens = append(tokens, strings.Repeat("9f6b2c5d8e", 4)[:n], strings.Repeat("8305716294", 4)[:n])
		}
	}
	for _, token := range tokens {
		if err := CheckAccountID(token); err == nil || strings.Contains(err.Error(), token[:8]) {
			t.Errorf("%q: %v", token, err)
		}
	}
}
