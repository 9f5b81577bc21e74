package client

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Every text the server controls (the reason phrase, the Content-Type, a
// redirect's target, a body, 8x8's error fields, the text of a transport
// error that quotes a malformed answer) passes through Client.text before it
// enters an error or a log line: control characters dropped, white space
// collapsed, secrets masked (redactor), and the result cut short.
// Errors end up in the CLI's output and in Terraform's own TRACE log, which
// the provider's log masking cannot reach.

// Limits, in runes, of server-controlled texts in errors.
const (
	maxTextRunes    = 200 // a status, a Content-Type, a host, a value
	excerptRunes    = 200 // the start of a body
	maxMessageRunes = 500 // 8x8's message, a transport error
)

// text makes s, which the server controls, safe to show: only the part the
// masks read (window) is composed and cleaned. What would not show is
// dropped before masking, so that the masks see what is shown:
// dropped after, "%7\u200b1" would become "%71" unmasked.
func (c *Client) text(s string, limit int) string {
	return truncate(clean(c.redactor.redact(dropHidden(window(s)))), limit)
}

// dropHidden drops from s what hidden names (white space stays), and,
// once s is composed (NFC: é stays é), a combining mark on an ASCII
// character: one that has no composed form ("3" and U+0301, inside "%3́4",
// kept the escape from reading as one). Marks on other letters (Thai,
// Devanagari) stay.
func dropHidden(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	ascii := false // the last character kept is ASCII
	for _, r := range s {
		switch {
		case hidden(r) && !blank(r):
			continue
		case ascii && unicode.In(r, unicode.Mn, unicode.Me):
			continue
		}
		ascii = r < utf8.RuneSelf
		b.WriteRune(r)
	}
	return b.String()
}

// excerpt is the start of a body as one safe line.
func (c *Client) excerpt(body []byte) string {
	return c.text(string(body), excerptRunes)
}

// blank reports whether r shows as white space.
func blank(r rune) bool { return unicode.IsSpace(r) || r == '\u2800' } // U+2800: the blank Braille pattern

// hidden reports whether r is a character a terminal may not show, or
// shows as nothing: a control or format character, one Unicode ignores by
// default (variation selectors, fillers), U+FFFD (also invalid UTF-8).
func hidden(r rune) bool {
	return r == unicode.ReplacementChar || !unicode.IsPrint(r) ||
		unicode.In(r, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)
}

// clean collapses white space and drops what hidden names and invalid
// characters.
func clean(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case blank(r):
			space = b.Len() > 0
			continue
		case hidden(r):
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
