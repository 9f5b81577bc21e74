package client

import (
	"encoding/base64"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A redactor masks secrets in a text a server controls, in time linear in
// the text whatever the key's length:
//
//   - any run of gramLen or more characters of the API key, so a key cut
//     short, with a character changed, or split in groups is masked too,
//     grown to the word it is part of; and of its base64 (every alignment,
//     so also of "Bearer <key>" or "user:<key>", standard and URL
//     alphabets) and hexadecimal encodings;
//   - a shorter run (edgeGram or more characters) where the text ends
//     inside it: a text cut short in the middle of the key;
//   - the value of any member whose name says it is a credential
//     (credentialWords), in JSON, single-quoted, YAML, header, form, XML or
//     command-line notation, and the user info of any URL
//     (redact_credentials.go).
//
// Both are found in the text as decoded: every character may be spelled
// as itself in any case, URL-encoded (up to three times: %2525XX; %uXXXX;
// a UTF-8 sequence), JSON-, C- or JavaScript-escaped (\uXXXX, surrogate
// pairs, \u{X}, \UXXXXXXXX, \xNN, octal \NNN, \/), as an HTML entity
// (&#NN, &#xNN with or without ";", &amp; …), as a compatibility form
// (fullwidth, mathematical letters), with white space, '-', '+', combining
// marks or characters that show as nothing between any two (every one
// that clean drops: what it drops cannot join the key's pieces after
// masking). The key's own '-' and '+' are ignored the same way, and a key
// that itself holds escapes is looked for both as written and as decoded.
//
// A key shorter than gramLen characters is masked only whole and where it
// stands alone (not inside a longer word), or it would mask pieces of
// every word.
type redactor struct {
	gramLen int                 // the shortest run masked anywhere
	grams   map[uint64]struct{} // every gramLen-run of every encoding of the key
	edges   map[uint64]struct{} // every edgeGram- to gramLen-1-run, packed with its length
	alone   bool                // the key is short: mask it only whole and standing alone
}

const (
	// gramLen is the shortest run of the key masked anywhere in a text.
	gramLen = 8
	// edgeGram is the shortest run of the key masked where a text starts
	// or ends; shorter ones are too likely to be ordinary words ("Found").
	edgeGram = 6
	// redactWindow bounds how much of a text is read: far more than any
	// text shown (500 runes of at most 12 bytes each), so masking costs
	// the same whatever the server sends.
	redactWindow = 16 << 10
)

// newRedactor builds the redactor of key (printable ASCII, CheckAPIKey).
func newRedactor(key string) *redactor {
	r := &redactor{grams: map[uint64]struct{}{}, edges: map[uint64]struct{}{}}
	plain := normalizeNeedle(key)
	switch {
	case len(plain) == 0:
		return r
	case len(plain) < gramLen:
		r.gramLen, r.alone = len(plain), true
		r.add(plain)
		return r
	}
	r.gramLen = gramLen
	r.add(plain)
	if decoded := decodedNeedle(key); string(decoded) != string(plain) {
		r.add(decoded)
	}
	r.add(normalizeNeedle(hex.EncodeToString([]byte(key))))
	for pad := range 3 {
		for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
			r.add(normalizeNeedle(alignedBase64(enc, key, pad)))
		}
	}
	return r
}

// alignedBase64 is the part of the base64 encoding of key, following pad
// other bytes, that depends on key alone.
func alignedBase64(enc *base64.Encoding, key string, pad int) string {
	s := enc.EncodeToString(append(make([]byte, pad), key...))
	from := (pad*8 + 5) / 6        // the first character that holds no padding bit
	to := (pad + len(key)) * 8 / 6 // the characters whose bits are all data
	if from >= to {
		return ""
	}
	return s[from:to]
}

// normalizeNeedle spells s as decoded texts are compared: lower case,
// without the characters ignored between two of the key's.
func normalizeNeedle(s string) []byte {
	var out []byte
	for i := 0; i < len(s); i++ {
		if b := lower(s[i]); !isGapByte(b) {
			out = append(out, b)
		}
	}
	return out
}

// decodedNeedle spells key as decodeUnits reads a text: a key holding
// "%41" or "&amp;" is echoed as written, or decoded once.
func decodedNeedle(key string) []byte {
	var out []byte
	for _, u := range decodeUnits(key) {
		if !u.gap {
			out = append(out, u.b)
		}
	}
	return out
}

// add records every run of needle that is masked.
func (r *redactor) add(needle []byte) {
	for i := 0; i+r.gramLen <= len(needle); i++ {
		r.grams[pack(needle[i:i+r.gramLen])] = struct{}{}
	}
	if r.alone {
		return
	}
	for n := edgeGram; n < r.gramLen; n++ {
		for i := 0; i+n <= len(needle); i++ {
			r.edges[pack(needle[i:i+n])|uint64(n)<<56] = struct{}{}
		}
	}
}

// pack packs up to 8 bytes into a number.
func pack(b []byte) uint64 {
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v
}

// unit is one character of a text as decoded: the ASCII byte it spells in
// lower case (0 for any other character) and where it is spelled.
type unit struct {
	b          byte
	start, end int
	gap        bool // ignored between two characters of the key
	escaped    bool // spelled by an escape, not as itself
	upper      bool // spelled as an upper-case ASCII letter
}

// window is the part of s that is read: its first redactWindow bytes.
func window(s string) string { return s[:min(len(s), redactWindow)] }

// redact masks the secrets in s (see redactor). Only window(s) is read;
// the rest is dropped.
func (r *redactor) redact(s string) string {
	s = window(s)
	units := decodeUnits(s)
	cut := cutEscapeAt(s)
	for len(units) > 0 && units[len(units)-1].start >= cut {
		units = units[:len(units)-1] // an escape cut short where s ends: not a character
	}
	mask := make([]int32, len(s)+1) // +1 where a masked span starts, -1 where it ends
	span := func(from, to int) {
		if from < to {
			mask[from]++
			mask[to]--
		}
	}
	r.maskKey(units, len(s), span)
	maskCredentialValues(units, len(s), span)

	var b strings.Builder
	depth := int32(0)
	for i := 0; i < len(s); i++ {
		was := depth > 0
		depth += mask[i]
		switch {
		case depth > 0 && !was:
			b.WriteString("***")
		case depth == 0:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// maskKey passes to span every run of the key in units, the characters of
// a text n bytes long (an escape cut short where it ends left out), grown
// to the whole word it is part of: a run that reaches the last unit is
// masked to the text's end.
func (r *redactor) maskKey(units []unit, n int, span func(from, to int)) {
	if r.gramLen == 0 {
		return
	}
	seq := make([]int, 0, len(units)) // the units that are not gaps
	for i, u := range units {
		if !u.gap {
			seq = append(seq, i)
		}
	}
	marks := make([]int32, len(units)+1) // +1 where a run starts, -1 after it
	mark := func(first, last int) { marks[first]++; marks[last+1]-- }
	width := uint64(1)<<(8*r.gramLen) - 1 // the bits of gramLen bytes
	if r.gramLen == 8 {
		width = ^uint64(0)
	}
	var v uint64
	for k, ui := range seq {
		v = (v<<8 | uint64(units[ui].b)) & width
		if k+1 < r.gramLen {
			continue
		}
		if _, ok := r.grams[v]; !ok {
			continue
		}
		first := seq[k+1-r.gramLen]
		if r.alone && !standsAlone(units, first, ui) {
			continue
		}
		mark(first, ui)
	}
	// A run shorter than gramLen where the text ends (cut short).
	for m := r.gramLen - 1; m >= edgeGram && !r.alone; m-- {
		if len(seq) < m {
			continue
		}
		if _, ok := r.edges[packUnits(units, seq[len(seq)-m:])|uint64(m)<<56]; ok {
			mark(seq[len(seq)-m], seq[len(seq)-1])
			break
		}
	}
	// Each run of marked units, grown to the word around it.
	depth := int32(0)
	for i := 0; i < len(units); i++ {
		depth += marks[i]
		if depth == 0 {
			continue
		}
		first := i
		for i+1 < len(units) && depth+marks[i+1] > 0 {
			i++
			depth += marks[i]
		}
		last := i
		for first > 0 && isAlnum(units[first-1].b) {
			first--
		}
		for last+1 < len(units) && (isAlnum(units[last+1].b) || units[last+1].b == '=') {
			last++
		}
		to := units[last].end
		if last >= seq[len(seq)-1] {
			to = n
		}
		span(units[first].start, to)
		for i < last { // the units the word grew over
			i++
			depth += marks[i]
		}
	}
}

func packUnits(units []unit, idx []int) uint64 {
	var v uint64
	for _, i := range idx {
		v = v<<8 | uint64(units[i].b)
	}
	return v
}

// standsAlone reports whether units[first:last+1] spell a word of their
// own: no letter or digit right before or after.
func standsAlone(units []unit, first, last int) bool {
	return (first == 0 || !isAlnum(units[first-1].b)) && (last+1 == len(units) || !isAlnum(units[last+1].b))
}

func isAlnum(b byte) bool { return 'a' <= b && b <= 'z' || '0' <= b && b <= '9' }

// isGapByte reports whether b (an ASCII byte in lower case) is ignored
// between two characters of the key: white space, a control character,
// '-' (keys shown in groups) and '+' (a space in a form).
func isGapByte(b byte) bool { return b <= ' ' || b == 0x7f || b == '-' || b == '+' }

// decodeUnits decodes s into units, each escape one unit.
func decodeUnits(s string) []unit {
	units := make([]unit, 0, len(s))
	for i := 0; i < len(s); {
		c, w, escaped := decodeEscape(s, i)
		if !escaped {
			c, w = utf8.DecodeRuneInString(s[i:])
		}
		b, gap := classifyRune(c)
		units = append(units, unit{b: b, start: i, end: i + w, gap: gap, escaped: escaped, upper: 'A' <= c && c <= 'Z'})
		i += w
	}
	return units
}

// classifyRune is the byte a character spells (its ASCII form in lower case,
// or 0 for a character with none) and whether it is a gap: ignored between
// two characters of the key. Every character clean drops or shows as white
// space is a gap (TestRedactor_gapsCoverWhatCleanDrops), so dropping it
// cannot join the key's pieces after masking; combining marks are gaps too.
func classifyRune(c rune) (byte, bool) {
	if c < utf8.RuneSelf {
		b := lower(byte(c))
		return b, isGapByte(b)
	}
	if blank(c) || hidden(c) || unicode.In(c, unicode.Mn, unicode.Me) {
		return ' ', true
	}
	var buf [utf8.UTFMax]byte
	// The compatibility decomposition, read from the tables without
	// building a string: one ASCII byte for a fullwidth or mathematical
	// letter, many for U+FDFA, which would cost building them.
	if d := norm.NFKC.Properties(utf8.AppendRune(buf[:0], c)).Decomposition(); len(d) == 1 && d[0] < utf8.RuneSelf {
		b := lower(d[0])
		return b, isGapByte(b)
	}
	return 0, false
}

// maxEscapeDepth is how many times an escape's first character may itself
// be escaped: "%252541" is "A" escaped three times.
const maxEscapeDepth = 3

// decodeEscape decodes the escape at s[i], if one starts there: the
// character it spells, its width and true. An escape that spells an
// escape's first character ("%25", "\\", "&amp;") starts another with the
// text after it, up to maxEscapeDepth times.
func decodeEscape(s string, i int) (rune, int, bool) {
	c, w, ok := escapeAt(s[i:])
	if !ok {
		return 0, 0, false
	}
	for range maxEscapeDepth {
		if (c != '%' && c != '\\' && c != '&') || i+w == len(s) {
			break
		}
		nc, nw, nok := escapeAt(string(c) + s[i+w:min(len(s), i+w+maxEscapeBytes)])
		if !nok || nw <= 1 {
			break
		}
		c, w = nc, w+nw-1
	}
	return c, w, true
}

// maxEscapeBytes bounds one escape's length (&NegativeVeryThinSpace; is 23 bytes).
const maxEscapeBytes = 24

// escapeAt decodes one escape at t's start: %XX (a UTF-8 sequence of them
// as one character), %uXXXX, \uXXXX (a surrogate pair as one character),
// \u{X…}, \UXXXXXXXX, \xNN, \NNN (octal), \n \r \t \f \b \v, a backslash
// before punctuation, &#N…; &#xN…; (";" optional) or a named HTML entity.
func escapeAt(t string) (rune, int, bool) {
	switch {
	case len(t) >= 3 && t[0] == '%' && isHex(t[1]) && isHex(t[2]):
		return percentSequence(t)
	case len(t) >= 6 && t[0] == '%' && (t[1] == 'u' || t[1] == 'U') && every(t[2:6], isHex):
		return hexRune(t[2:6]), 6, true
	case len(t) >= 2 && t[0] == '\\':
		return backslashEscape(t)
	case len(t) >= 3 && t[0] == '&':
		return htmlEntity(t)
	}
	return 0, 0, false
}

// percentSequence decodes %XX at t's start, with the %XX after it when
// they spell one UTF-8 character.
func percentSequence(t string) (rune, int, bool) {
	first := hexByte(t[1], t[2])
	if first < utf8.RuneSelf {
		return rune(first), 3, true
	}
	buf := []byte{first}
	for k := 3; len(buf) < utf8.UTFMax && len(t) >= k+3 && t[k] == '%' && isHex(t[k+1]) && isHex(t[k+2]); k += 3 {
		if b := hexByte(t[k+1], t[k+2]); b&0xC0 == 0x80 {
			buf = append(buf, b)
			if utf8.FullRune(buf) {
				break
			}
			continue
		}
		break
	}
	c, n := utf8.DecodeRune(buf)
	return c, n * 3, true // invalid: U+FFFD, one %XX wide, a gap
}

func backslashEscape(t string) (rune, int, bool) {
	switch c := t[1]; {
	case c == 'u' && len(t) >= 3 && t[2] == '{':
		end := strings.IndexByte(t[:min(len(t), 12)], '}')
		if end > 3 && every(t[3:end], isHex) {
			return hexRune(t[3:end]), end + 1, true
		}
	case c == 'u':
		if len(t) >= 6 && every(t[2:6], isHex) {
			r := hexRune(t[2:6])
			if utf16.IsSurrogate(r) && len(t) >= 12 && t[6] == '\\' && t[7] == 'u' && every(t[8:12], isHex) {
				if pair := utf16.DecodeRune(r, hexRune(t[8:12])); pair != utf8.RuneError {
					return pair, 12, true
				}
			}
			return r, 6, true
		}
	case c == 'U':
		if len(t) >= 10 && every(t[2:10], isHex) {
			return hexRune(t[2:10]), 10, true
		}
	case c == 'x':
		if len(t) >= 4 && isHex(t[2]) && isHex(t[3]) {
			return rune(hexByte(t[2], t[3])), 4, true
		}
	case '0' <= c && c <= '3':
		if len(t) >= 4 && isOctal(t[2]) && isOctal(t[3]) {
			return rune(c-'0')<<6 | rune(t[2]-'0')<<3 | rune(t[3]-'0'), 4, true
		}
	case c == 'n':
		return '\n', 2, true
	case c == 'r':
		return '\r', 2, true
	case strings.IndexByte("tfbv", c) >= 0:
		return ' ', 2, true
	case c > ' ' && c < 0x7f && !isAlnum(lower(c)):
		return rune(c), 2, true
	}
	return 0, 0, false
}

// hexRune is the code point the hexadecimal digits h spell (at most 8),
// U+FFFD if none.
func hexRune(h string) rune {
	var v uint32
	for i := 0; i < len(h); i++ {
		v = v<<4 | uint32(hexValue(h[i]))
	}
	if v > unicode.MaxRune {
		return utf8.RuneError
	}
	return rune(v)
}

// htmlEntities are the named entities of ASCII characters a key or a
// credential's name may hold, and of invisible ones.
var htmlEntities = map[string]rune{
	"amp": '&', "lt": '<', "gt": '>', "quot": '"', "apos": '\'', "sol": '/', "bsol": '\\',
	"plus": '+', "equals": '=', "num": '#', "percnt": '%', "excl": '!', "dollar": '$',
	"lpar": '(', "rpar": ')', "ast": '*', "comma": ',', "period": '.', "colon": ':',
	"semi": ';', "quest": '?', "commat": '@', "lsqb": '[', "rsqb": ']', "lowbar": '_',
	"grave": '`', "lcub": '{', "rcub": '}', "verbar": '|', "hat": '^', "tilde": '~',
	"dash": '-', "hyphen": '-', "nbsp": ' ', "tab": '\t', "newline": '\n',
	"shy": '\u00ad', "zwsp": '\u200b', "zwj": '\u200d', "zwnj": '\u200c', "nobreak": '\u2060',
	"zerowidthspace": '\u200b', "invisibletimes": '\u2062', "invisiblecomma": '\u2063',
	"invisibleplus": '\u2064', "applyfunction": '\u2061', "negativethinspace": '\u200b',
	"negativemediumspace": '\u200b', "negativethickspace": '\u200b', "negativeverythinspace": '\u200b',
}

// htmlEntity decodes &#N…;, &#xN…; (";" optional, leading zeros allowed)
// or a named entity with its ";".
func htmlEntity(t string) (rune, int, bool) {
	if t[1] == '#' {
		k, base := 2, 10
		if t[k] == 'x' || t[k] == 'X' {
			k, base = 3, 16
		}
		start := k
		var v uint64
		for k < len(t) && k-start < 12 && hexValue(t[k]) >= 0 && hexValue(t[k]) < base {
			v = v*uint64(base) + uint64(hexValue(t[k]))
			k++
		}
		if k == start {
			return 0, 0, false
		}
		if k < len(t) && t[k] == ';' {
			k++
		}
		if v > unicode.MaxRune {
			return utf8.RuneError, k, true
		}
		return rune(v), k, true
	}
	end := strings.IndexByte(t[:min(len(t), 24)], ';')
	if end < 2 {
		return 0, 0, false
	}
	if c, ok := htmlEntities[strings.ToLower(t[1:end])]; ok {
		return c, end + 1, true
	}
	return 0, 0, false
}

// cutEscapeAt is where an escape cut short by the end of s starts ("%",
// "%4", "\", "\u00", "\x", "&#x4", "&am"…), or len(s).
func cutEscapeAt(s string) int {
	for i := max(0, len(s)-maxEscapeBytes); i < len(s); i++ {
		if isCutEscape(s[i:]) {
			return i
		}
	}
	return len(s)
}

func isCutEscape(t string) bool {
	switch t[0] {
	case '%':
		if len(t) > 1 && (t[1] == 'u' || t[1] == 'U') {
			return len(t) < 6 && every(t[2:], isHex)
		}
		return len(t) == 1 || (len(t) == 2 && isHex(t[1]))
	case '\\':
		if len(t) == 1 {
			return true
		}
		rest := t[2:]
		switch t[1] {
		case 'u':
			if strings.HasPrefix(rest, "{") {
				return !strings.Contains(rest, "}") && every(rest[1:], isHex)
			}
			return len(rest) < 4 && every(rest, isHex)
		case 'U':
			return len(rest) < 8 && every(rest, isHex)
		case 'x':
			return len(rest) < 2 && every(rest, isHex)
		}
		return '0' <= t[1] && t[1] <= '3' && len(rest) < 2 && every(rest, isOctal)
	case '&':
		return t == "&" || t == "&#" || strings.EqualFold(t, "&#x") || every(t[1:], func(b byte) bool { return isAlnum(lower(b)) }) // a name cut short
	}
	return false
}

// every reports whether is holds for every byte of s.
func every(s string, is func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !is(s[i]) {
			return false
		}
	}
	return true
}

func isOctal(b byte) bool { return '0' <= b && b <= '7' }

func isHex(b byte) bool { return hexValue(b) >= 0 }

func hexValue(b byte) int {
	switch {
	case '0' <= b && b <= '9':
		return int(b - '0')
	case 'a' <= b && b <= 'f':
		return int(b-'a') + 10
	case 'A' <= b && b <= 'F':
		return int(b-'A') + 10
	}
	return -1
}

func hexByte(hi, lo byte) byte { return byte(hexValue(hi)<<4 | hexValue(lo)) }

func lower(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}
