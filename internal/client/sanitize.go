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

// redact masks the API key in s, in any of the forms a server may echo it.
func (c *Client) redact(s string) string {
	return c.secret.ReplaceAllLiteralString(s, "***")
}

// minKeyPrefix is the shortest start of the key that is masked at the end
// of a text (a body cut short mid-key); shorter ones are too likely to be
// ordinary text.
const minKeyPrefix = 4

// KeyPattern matches key as a server or a gateway may echo it: as it is
// (in any case), with any of its characters JSON-escaped (\/, \u00XX) or
// URL-encoded (%XX), with line breaks or white space (raw, JSON-escaped
// or URL-encoded) between its characters; and a start of it of at least
// minKeyPrefix characters at the end of a text. The provider masks its
// log lines with the same pattern.
func KeyPattern(key string) *regexp.Regexp {
	if key == "" {
		return regexp.MustCompile(`$^`) // matches nothing
	}
	const gap = `(?:[\t\n\r ]|\\[nrt]|%0[9aAdD]|%20)*`
	var chars []string
	for _, r := range key { // a key is ASCII (CheckAPIKey); a rune at a time keeps any other text valid
		chars = append(chars, keyChar(r))
	}
	whole := strings.Join(chars, gap)
	n := min(minKeyPrefix, len(chars))
	tail := ""
	for i := len(chars) - 1; i >= n; i-- {
		tail = "(?:" + gap + chars[i] + tail + ")?"
	}
	start := strings.Join(chars[:n], gap) + tail + `$`
	return regexp.MustCompile(`(?i)` + whole + "|" + start)
}

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
