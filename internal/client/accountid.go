package client

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// AccountIDPattern is the accountId pattern of 8x8's OpenAPI description
// (with a length of 32 to 36 characters).
var AccountIDPattern = regexp.MustCompile(`^[0-9A-Fa-f]{8}[-]?(?:[0-9A-Fa-f]{4}[-]?){3}[0-9A-Fa-f]{12}$`)

// ExampleAccountID is the account id error messages give as an example.
const ExampleAccountID = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"

// writeAccountID is the advice that ends an error about an account id.
var writeAccountID = "write a UUID, 32 hexadecimal digits with optional dashes, such as " + strconv.Quote(ExampleAccountID)

// CheckAccountID fails when id is not an 8x8 account id, with one message
// that says what is wrong and what to write: where the white space is, and
// to remove it (with trimspace, when it surrounds the id), to remove braces
// around a GUID or an invisible character, or how many digits there are.
//
// The message quotes id only when it is id-like (idLike: at most 40
// hexadecimal digits, dashes, braces and ASCII white space), a typo, so
// that the white space shows. Any other value (another setting's, an API
// key say) is described by its length and the first character that cannot
// be in an id, never shown.
func CheckAccountID(id string) error {
	if isAccountID(id) {
		return nil
	}
	if !idLike(id) {
		return fmt.Errorf("the value is not an 8x8 account id: %s; %s", notIDLike(id), mend(id))
	}
	shown := strconv.Quote(id)
	trimmed := strings.TrimSpace(id)
	noBraces := strings.TrimSpace(strings.Trim(trimmed, "{}"))
	switch {
	case isAccountID(trimmed):
		return fmt.Errorf("%s is not an 8x8 account id: %s; %s", shown, around(id), mend(id))
	case strings.ContainsAny(id, "{}") && isAccountID(noBraces):
		if strings.IndexFunc(id, unicode.IsSpace) >= 0 {
			return fmt.Errorf("%s is not an 8x8 account id: remove the braces and the white space around it", shown)
		}
		return fmt.Errorf("%s is not an 8x8 account id: remove the braces around it", shown)
	case isAccountID(strings.Join(strings.Fields(id), "")):
		return fmt.Errorf("%s is not an 8x8 account id: %s; %s", shown, within(id), mend(id))
	}
	if n := strings.Count(strings.Map(hexDigit, id), "x"); n != 32 {
		return fmt.Errorf("%s is not an 8x8 account id: it has %d hexadecimal digits, not 32; %s", shown, n, writeAccountID)
	}
	return fmt.Errorf("%s is not an 8x8 account id: its dashes are not where a UUID has them (8-4-4-4-12); %s", shown, writeAccountID)
}

func isAccountID(id string) bool {
	return len(id) >= 32 && len(id) <= 36 && AccountIDPattern.MatchString(id)
}

// idLike reports whether id looks like a mistyped account id, which a
// message may quote: at most 40 characters, hexadecimal digits, dashes,
// braces and ASCII white space only, with 28 to 36 digits (an id is 32: a
// few missing or too many) in groups, as 8x8 shows ids (at least 3
// dashes), or with white space a paste left (no key holds any). A token of
// hexadecimal digits, which has neither, is not quoted whatever its length.
func idLike(id string) bool {
	if len(id) > 40 {
		return false
	}
	digits, dashes, spaces := 0, 0, 0
	for _, r := range id {
		switch {
		case hexDigit(r) == 'x':
			digits++
		case r == '-':
			dashes++
		case asciiSpace(r):
			spaces++
		case r != '{' && r != '}':
			return false
		}
	}
	return id == "" || (digits >= 28 && digits <= 36 && (dashes >= 3 || spaces > 0))
}

// hexDigit maps a hexadecimal digit to 'x', and any other rune to itself.
func hexDigit(r rune) rune {
	if (r >= '0' && r <= '9') || (r >= 'a' && r <= 'f') || (r >= 'A' && r <= 'F') {
		return 'x'
	}
	return r
}

func asciiSpace(r rune) bool { return r < utf8.RuneSelf && unicode.IsSpace(r) }

// mend says how to mend id: remove the white space around it or in it,
// or an invisible character, when that is all that is wrong; otherwise
// what to write.
func mend(id string) string {
	switch {
	case isAccountID(strings.TrimSpace(id)):
		return "remove the white space around it, for example with trimspace(...)"
	case isAccountID(strings.Join(strings.Fields(id), "")):
		return "remove the white space in it"
	case isAccountID(strings.TrimSpace(strings.Map(dropFormat, id))):
		return "remove it (most editors do not show it)"
	}
	return writeAccountID
}

// dropFormat drops format characters (U+200B, U+FEFF, …), which do not
// show.
func dropFormat(r rune) rune {
	if unicode.Is(unicode.Cf, r) {
		return -1
	}
	return r
}

// notIDLike describes a value that is not id-like without showing it: its
// length and its first character that cannot be in an id (an invisible
// one first: it is the likeliest mistake).
func notIDLike(id string) string {
	n := utf8.RuneCountInString(id)
	at, bad := -1, rune(0)
	for i, r := range []rune(id) {
		if unicode.Is(unicode.Cf, r) {
			at, bad = i, r
			break
		}
		if at < 0 && hexDigit(r) != 'x' && r != '-' {
			at, bad = i, r
		}
	}
	if at < 0 {
		return fmt.Sprintf("it has %d characters, all hexadecimal digits or dashes, and an id has 32 digits", n)
	}
	return fmt.Sprintf("it has %s, and its character %d%s", plural(n, "character"), at+1, runeDescription(bad))
}

// formatNames names the invisible characters most often pasted by mistake.
var formatNames = map[rune]string{
	0x00AD: "soft hyphen", 0x200B: "zero-width space", 0x200C: "zero-width non-joiner", 0x200D: "zero-width joiner",
	0x200E: "left-to-right mark", 0x200F: "right-to-left mark", 0xFEFF: "byte order mark",
}

// runeDescription says what r is, after "its character N": a single
// printable character is quoted, any other is named by its code point.
func runeDescription(r rune) string {
	switch {
	case unicode.Is(unicode.Cf, r):
		name, ok := formatNames[r]
		if !ok {
			name = "a format character"
		}
		return fmt.Sprintf(" is an invisible one, %U (%s)", r, name)
	case unicode.IsSpace(r):
		return fmt.Sprintf(" is %s (%U)", spaceName(r), r)
	case unicode.IsControl(r):
		return fmt.Sprintf(" is a control character (%U)", r)
	case !unicode.IsPrint(r):
		return fmt.Sprintf(" is a character that does not print (%U)", r)
	}
	return fmt.Sprintf(", %q, cannot be in one", string(r))
}

// spaceName names a white-space character.
func spaceName(r rune) string {
	switch r {
	case ' ':
		return "a space"
	case '\t':
		return "a tab"
	case '\n':
		return "a line break"
	case '\r':
		return "a carriage return"
	case 0xA0:
		return "a no-break space"
	}
	return "white space"
}

// around says where the white space around id is: "it ends with a line
// break", "it starts with 2 spaces and ends with a tab".
func around(id string) string {
	lead := id[:len(id)-len(strings.TrimLeftFunc(id, unicode.IsSpace))]
	trail := id[len(strings.TrimRightFunc(id, unicode.IsSpace)):]
	switch {
	case lead != "" && trail != "":
		return "it starts with " + spaces(lead) + " and ends with " + spaces(trail)
	case lead != "":
		return "it starts with " + spaces(lead)
	}
	return "it ends with " + spaces(trail)
}

// within says where the white space in id is: "it holds a space at
// character 9", "it holds 4 white-space characters, the first a space at
// character 9".
func within(id string) string {
	count, first, at := 0, rune(0), 0
	for i, r := range []rune(id) {
		if unicode.IsSpace(r) {
			if count == 0 {
				first, at = r, i+1
			}
			count++
		}
	}
	if count == 1 {
		return fmt.Sprintf("it holds %s at character %d", spaceName(first), at)
	}
	return fmt.Sprintf("it holds %d white-space characters, the first %s at character %d", count, spaceName(first), at)
}

// spaces names a run of white space: "a line break", "2 spaces", "a
// carriage return and a line break".
func spaces(run string) string {
	if run == "\r\n" {
		return "a carriage return and a line break"
	}
	r, _ := utf8.DecodeRuneInString(run)
	n := utf8.RuneCountInString(run)
	switch {
	case n == 1:
		return spaceName(r)
	case strings.Count(run, string(r)) == n && spaceName(r) != "white space":
		return fmt.Sprintf("%d %ss", n, strings.TrimPrefix(spaceName(r), "a "))
	}
	return fmt.Sprintf("%d white-space characters", n)
}
