package client

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// Every text the server controls (the reason phrase, the Content-Type, a
// redirect's target, a body, 8x8's error fields, the text of a transport
// error that quotes a malformed answer) passes through Client.text before it
// enters an error or a log line: control characters dropped, white space
// collapsed, the API key masked in any encoding, and the result cut short.
// Errors end up in the CLI's output and in Terraform's own TRACE log, which
// the provider's log masking cannot reach.

// Limits, in runes, of server-controlled texts in errors.
const (
	maxTextRunes    = 200 // a status, a Content-Type, a host, a value
	excerptRunes    = 200 // the start of a body
	maxMessageRunes = 500 // 8x8's message, a transport error
)

// text makes s, which the server controls, safe to show.
func (c *Client) text(s string, limit int) string {
	return truncate(c.redact(clean(s)), limit)
}

// excerpt is the start of a body as one safe line.
func (c *Client) excerpt(body []byte) string {
	return c.text(string(body), excerptRunes)
}

// redact masks, in s: the API key, in any of the forms a server may echo
// it in; a start of the key where s ends (a body cut short in the middle
// of it); and the values of 8x8's secret fields.
func (c *Client) redact(s string) string {
	s = c.secret.ReplaceAllLiteralString(s, "***")
	s = maskCutKey(s, c.cfg.APIKey)
	return SecretFieldPattern.ReplaceAllString(s, "${1}***${2}")
}

// SecretFieldPattern matches the value of a webhook's httpAuthorization or
// clientSecret in JSON text, also when the text ends inside it; group 1 is
// what comes before the value, group 2 its closing quote. 8x8 returns "***"
// there, but a gateway or another API may not. The provider masks its log
// lines with it too.
var SecretFieldPattern = regexp.MustCompile(`(?i)("(?:httpAuthorization|clientSecret)"\s*:\s*")(?:[^"\\]|\\.)*("|\\?$)`)

// matchNothing is a pattern that matches no text.
var matchNothing = regexp.MustCompile(`$^`)

// keyGap is what KeyPattern allows between two characters of the key: line
// breaks or white space, raw, JSON-escaped or URL-encoded.
const keyGap = `(?:[\t\n\r ]|\\[nrt]|%0[9aAdD]|%20)*`

// KeyPattern matches key as a server or a gateway may echo it: as it is
// (in any case), with any of its characters JSON-escaped (\/, \u00XX) or
// URL-encoded (%XX), with line breaks or white space (raw, JSON-escaped or
// URL-encoded) between its characters. Its depth does not grow with the key.
// The provider masks its log lines with it.
func KeyPattern(key string) *regexp.Regexp {
	if key == "" {
		return matchNothing
	}
	var chars []string
	for _, r := range key { // a key is ASCII (CheckAPIKey); a rune at a time keeps any other text valid
		chars = append(chars, keyChar(r))
	}
	pattern := strings.Join(chars, keyGap)
	if len(key) < shortKey {
		// A short key is masked only where it stands alone (with the
		// characters around it), or it would mask pieces of every word.
		pattern = `(?:^|[^0-9a-z])` + pattern + `(?:$|[^0-9a-z])`
	}
	re, err := regexp.Compile(`(?i)` + pattern)
	if err != nil { // too large for regexp: the key as it is, in any case
		return regexp.MustCompile(`(?i)` + regexp.QuoteMeta(key))
	}
	return re
}

// shortKey is the length under which a key is masked only where it stands
// alone. 8x8's keys are far longer.
const shortKey = 8

// keyChar is a pattern for one character of the key in any encoding (the
// whole pattern ignores case, as hex digits and lower-cased echoes may).
func keyChar(r rune) string {
	alts := []string{regexp.QuoteMeta(string(r))}
	if r < 0x80 {
		code := fmt.Sprintf("%02x", r)
		alts = append(alts, `\\u00`+code, `%`+code)
	}
	if r == '/' || r == '"' || r == '\\' {
		alts = append(alts, `\\`+regexp.QuoteMeta(string(r)))
	}
	return "(?:" + strings.Join(alts, "|") + ")"
}

// minKeyPrefix is the shortest start of the key that is masked at the end
// of a text; shorter ones are too likely to be ordinary words ("Found").
const minKeyPrefix = 6

// maskCutKey masks the end of s when it spells the start of key, at least
// minKeyPrefix characters of it (fewer for a short key), in any encoding
// KeyPattern knows, an escape cut short included: a text cut short in the
// middle of the key.
func maskCutKey(s, key string) string {
	key = strings.ToLower(key)
	least := min(minKeyPrefix, len(key)-1)
	if least < 1 {
		return s
	}
	// At most 6 bytes a character (\u00XX) and a gap between two.
	for i := max(0, len(s)-len(key)*9-16); i < len(s); i++ {
		if n, cut := keyStartAt(s[i:], key); cut && n >= least {
			return s[:i] + "***"
		}
	}
	return s
}

// keyStartAt reports how many characters of key t spells from its start,
// and whether t ends there, inside the key (after them, only a gap or an
// escape cut short). The whole key is KeyPattern's to mask.
func keyStartAt(t, key string) (n int, cut bool) {
	for n < len(key) {
		if n > 0 {
			t = skipKeyGap(t)
		}
		if t == "" {
			return n, true
		}
		w := spells(t, key[n])
		if w == 0 {
			return n, isCutEscape(t)
		}
		t, n = t[w:], n+1
	}
	return n, false
}

// spells is how many bytes at the start of t spell ch (a lower-case ASCII
// byte of the key) in one of KeyPattern's encodings; 0 if none does.
func spells(t string, ch byte) int {
	switch {
	case lower(t[0]) == ch:
		return 1
	case len(t) >= 6 && t[0] == '\\' && lower(t[1]) == 'u' && t[2] == '0' && t[3] == '0' && isHexOf(t[4], ch>>4) && isHexOf(t[5], ch&15):
		return 6
	case len(t) >= 3 && t[0] == '%' && isHexOf(t[1], ch>>4) && isHexOf(t[2], ch&15):
		return 3
	case len(t) >= 2 && t[0] == '\\' && t[1] == ch && (ch == '/' || ch == '"' || ch == '\\'):
		return 2
	}
	return 0
}

func lower(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// isHexOf reports whether b is the hexadecimal digit of v (0 to 15), in
// either case.
func isHexOf(b, v byte) bool { return lower(b) == "0123456789abcdef"[v] }

// skipKeyGap drops what KeyPattern allows between two characters of the key.
func skipKeyGap(t string) string {
	for {
		switch {
		case t != "" && strings.ContainsRune("\t\n\r ", rune(t[0])):
			t = t[1:]
		case len(t) >= 2 && t[0] == '\\' && strings.ContainsRune("nrt", rune(t[1])):
			t = t[2:]
		case len(t) >= 3 && t[0] == '%' && (strings.EqualFold(t[1:3], "09") || strings.EqualFold(t[1:3], "0a") ||
			strings.EqualFold(t[1:3], "0d") || t[1:3] == "20"):
			t = t[3:]
		default:
			return t
		}
	}
}

// isCutEscape reports whether t is an escape cut short: "%", "%6", "\",
// "\u", "\u0", "\u00" or "\u00X".
func isCutEscape(t string) bool {
	if t == "%" || (len(t) == 2 && t[0] == '%' && isHex(t[1])) || t == `\` {
		return true
	}
	if len(t) < 2 || len(t) > 5 || !strings.HasPrefix(`\u00`, t[:min(len(t), 4)]) {
		return false
	}
	return len(t) < 5 || isHex(t[4])
}

func isHex(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
}

// clean collapses white space and drops control and invalid characters.
func clean(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r == unicode.ReplacementChar || !unicode.IsPrint(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// truncate cuts s to at most limit runes, marking a cut with an ellipsis.
func truncate(s string, limit int) string {
	n := 0
	for i := range s {
		if n == limit {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
