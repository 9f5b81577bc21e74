package client

import (
	"strings"
	"unicode"
)

// redact removes the API key from text that came from the server, and a
// start of the key where the text ends (a body cut short mid-key).
func (c *Client) redact(s string) string {
	key := c.cfg.APIKey
	s = strings.ReplaceAll(s, key, "***")
	for n := len(key) - 1; n >= minKeyPrefix; n-- {
		if strings.HasSuffix(s, key[:n]) {
			return s[:len(s)-n] + "***"
		}
	}
	return s
}

// minKeyPrefix is the shortest start of the key that redact masks at the
// end of a text; shorter ones are too likely to be ordinary text.
const minKeyPrefix = 4

// excerptRunes is how much of a non-8x8 body an error quotes.
const excerptRunes = 200

// Excerpt returns the start of a body as one printable line, secrets
// redacted.
func Excerpt(body []byte, redact func(string) string) string {
	return truncate(redact(clean(string(body))), excerptRunes)
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
