package client

import (
	"slices"
	"strings"
)

// credentialWords make a member's name a credential's when its normalised
// form (lower case, letters and digits only) holds one of them, unless it
// ends in one of notCredentialEnds:
// clientSecret, httpAuthorization, x-api-key, refresh_token, db.password,
// passwordHash, SECRET_KEY, sessionId (but not tokenUrl). "key" alone is too common a name
// (it is one of this provider's own); "api key" is found as two words.
var credentialWords = []string{
	"authorization", "authentication", "secret", "password", "passwd", "passphrase", "passcode",
	"token", "apikey", "accesskey", "privatekey", "signingkey", "credential", "cookie",
	"signature", "sessionid", "bearer", "jwt", "assertion",
	"passwort", "motdepasse", "senha", "wachtwoord", // other languages' "password"
	"subscriptionkey", "functionskey", "functionkey", "clientkey", "authkey", "appkey", "masterkey",
	"accountkey", "encryptionkey", "hmac",
}

// credentialExact are names that are a credential's only as a whole.
var credentialExact = []string{"auth", "pass", "pwd", "sid", "sig", "pin", "otp"}

// notCredentialEnds end names that hold a credential word but name
// something else: tokenUrl, credentialsLocation, tokenType, expires_in.
var notCredentialEnds = []string{
	"url", "uri", "endpoint", "location", "type", "expiresin", "expiresat", "expiry",
	"ttl", "count", "length", "policy", "id",
}

// maskCredentialValues passes to span the value of every member of units
// (the decoded characters of a text n bytes long) whose name is a
// credential's: in JSON ("name": "value", white space and line breaks
// around the colon), single quotes, YAML (name: value, or the block after
// "name:", "name: |" or "name: >"), a header (name: value, to the line's
// end; also "Authorization Bearer x"), a form or an attribute
// (name=value), other languages' := and =>, XML (<ns:name attr="…">value<,
// CDATA included) and a command line (--name value); and the user info of
// any URL (scheme://user:password@host). A value the text ends in is
// masked to its end.
func maskCredentialValues(units []unit, n int, span func(from, to int)) {
	mask := func(from, to int) {
		end := n
		if to < len(units) {
			end = units[to].start
		}
		span(units[from].start, end)
	}
	for i := 0; i < len(units); {
		if to, ok := privateKeyBlock(units, i); ok {
			mask(i, to)
			i = to
			continue
		}
		if !isNameByte(units[i].b) {
			if from, to, ok := userInfo(units, i); ok {
				mask(from, to)
				i = to
				continue
			}
			i++
			continue
		}
		j := i
		for j < len(units) && isNameByte(units[j].b) {
			j++
		}
		if isCredentialName(units, i, j) {
			if from, to, ok := credentialValue(units, i, j); ok {
				if end, pem := privateKeyBlock(units, from); pem {
					to = max(to, end) // a key's lines, not its first word
				}
				mask(from, to)
				j = max(j, to)
			}
		}
		i = j
	}
}

// isNameByte reports whether b may be part of a member's name.
func isNameByte(b byte) bool { return isAlnum(b) || b == '_' || b == '-' || b == '.' }

// maxNameBytes bounds the part of a name that is looked at: its end.
const maxNameBytes = 48

// isCredentialName reports whether units[i:j], a name, is a credential's
// (credentialWords, credentialExact, notCredentialEnds), or is "key" after
// "api ".
func isCredentialName(units []unit, i, j int) bool {
	var buf [maxNameBytes]byte // the name's normalised end
	n := len(buf)
	for k := j - 1; k >= i && n > 0; k-- {
		if b := units[k].b; isAlnum(b) {
			n--
			buf[n] = b
		}
	}
	name := string(buf[n:])
	if slices.Contains(credentialExact, name) {
		return true
	}
	if name == "key" {
		return i >= 4 && spells(units, i-4, "api ") && (i == 4 || !isNameByte(units[i-5].b))
	}
	for _, w := range credentialWords {
		if strings.HasSuffix(name, w) {
			return true
		}
	}
	for _, end := range notCredentialEnds {
		if len(name) > len(end) && strings.HasSuffix(name, end) {
			return false
		}
	}
	for _, w := range credentialWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// credentialValue finds the value after the name units[i:j]: the units
// [from, to) to mask, ok when there is a separator and a value after it.
func credentialValue(units []unit, i, j int) (from, to int, ok bool) {
	if tagOpen(units, i) {
		return xmlValue(units, j)
	}
	if j-i > 2 && units[i].b == '-' && units[i+1].b == '-' && j < len(units) && units[j].b == ' ' {
		k := skipSpaces(units, j)
		e := k
		for e < len(units) && units[e].b > ' ' {
			e++
		}
		return k, e, e > k // --password value
	}
	quote := byte(0)
	if i > 0 && (units[i-1].b == '"' || units[i-1].b == '\'') {
		quote = units[i-1].b
	}
	k := j
	if quote != 0 && k < len(units) && units[k].b == quote {
		k++
	}
	if k < len(units) && units[k].b == ']' { // PHP's print_r and var_dump: [name] => and ["name"]=>
		k++
	}
	if from, to, ok := bearerToken(units, i, j); ok {
		return from, to, ok
	}
	k = skipSpace(units, k, quote != 0)
	if k == len(units) {
		return 0, 0, false
	}
	sep := units[k].b
	switch {
	case sep == ':' || sep == '=':
		k++
		if k < len(units) && (units[k].b == '=' || units[k].b == '>') { // := =>
			k++
		}
	case quote == 0 && isAuthScheme(units, k): // Authorization Bearer x
		return k, lineEnd(units, k), true
	default:
		return 0, 0, false
	}
	k = skipSpace(units, k, quote != 0)
	if k == len(units) {
		return 0, 0, false
	}
	first := units[k]
	switch {
	case (first.b == '"' || first.b == '\'') && k+2 < len(units) && units[k+1].b == first.b && units[k+2].b == first.b:
		k += 3 // TOML's """…""" and '''…'''
		e, closing := k, string([]byte{first.b, first.b, first.b})
		for e < len(units) && !spells(units, e, closing) {
			e++
		}
		return k, e, e > k
	case first.b == '"' || first.b == '\'':
		return credentialQuoted(units, k)
	case first.b == '{' || first.b == '[':
		return k, closingBracket(units, k), true
	case sep == ':' && quote != 0: // JSON without quotes around the value
		e := k
		for e < len(units) && !isLineEnd(units[e]) && !isRawQuote(units[e]) && units[e].b != ',' && units[e].b != '}' && units[e].b != ']' {
			e++
		}
		return k, e, e > k
	case sep == ':':
		return yamlValue(units, i, k)
	}
	if spells(units, k, "string(") { // var_dump: string(8) "value"
		e := k + 7
		for e < len(units) && units[e].b >= '0' && units[e].b <= '9' {
			e++
		}
		if e < len(units) && units[e].b == ')' {
			if v := skipSpaces(units, e+1); v < len(units) && units[v].b == '"' {
				return credentialQuoted(units, v)
			}
		}
	}
	e := k                      // a form, a query, an attribute
	if isAuthScheme(units, k) { // Basic dXNlcjpw: the scheme and its credentials
		for e < len(units) && units[e].b != ' ' {
			e++
		}
		e = skipSpaces(units, e)
	}
	for e < len(units) && !isFormEnd(units[e]) {
		e++
	}
	return k, e, e > k
}

// credentialQuoted is the inside of the string whose quote is units[k], to
// the same quote spelled the same way.
func credentialQuoted(units []unit, k int) (from, to int, ok bool) {
	q := units[k]
	e := k + 1
	for e < len(units) && (units[e].b != q.b || units[e].escaped != q.escaped) {
		e++
	}
	return k + 1, e, e > k+1
}

// bearerToken finds the token after the word Bearer (units[i:j]) and a
// space, where it looks like one (8 or more token characters, with a digit,
// a capital after the first or punctuation): "got Bearer eyJhbGci…" in a
// message, but not "Bearer authentication failed".
func bearerToken(units []unit, i, j int) (from, to int, ok bool) {
	if j-i != 6 || !spells(units, i, "bearer") || j == len(units) || units[j].b != ' ' {
		return 0, 0, false
	}
	k := skipSpaces(units, j)
	e, marked := k, false
	for e < len(units) && isTokenByte(units[e].b) {
		c := units[e].b
		marked = marked || ('0' <= c && c <= '9') || !isAlnum(c) || (e > k && units[e].upper)
		e++
	}
	return k, e, e-k >= 8 && marked
}

// isTokenByte reports whether b may be part of a bearer token (RFC 6750's
// b64token).
func isTokenByte(b byte) bool { return isAlnum(b) || strings.IndexByte("-._~+/=", b) >= 0 }

func isFormEnd(u unit) bool {
	switch u.b {
	case '&', ';', ',', '<', '>', '\'':
		return true
	}
	return u.b <= ' ' || isRawQuote(u)
}

// yamlValue is the value after "name:" at units[k]: to the line's end;
// when the line ends there (or holds only a block indicator, | or >), the
// lines after it that are indented more than the name's.
func yamlValue(units []unit, name, k int) (from, to int, ok bool) {
	e := lineEnd(units, k)
	rest := k
	for rest < e && (units[rest].b == '|' || units[rest].b == '>' || units[rest].b == '-' || units[rest].b == '+' || units[rest].b == ' ') {
		rest++
	}
	if rest < e {
		return k, e, true
	}
	indent := indentOf(units, name)
	to = e
	for to < len(units) {
		next := to
		for next < len(units) && isLineEnd(units[next]) {
			next++
		}
		first := next
		for first < len(units) && (units[first].b == ' ' || units[first].b == '\t') {
			first++
		}
		if first == len(units) || first-next <= indent {
			break
		}
		to = lineEnd(units, first)
	}
	return k, to, to > k
}

// indentOf is how many spaces start the line units[k] is on.
func indentOf(units []unit, k int) int {
	start := k
	for start > 0 && !isLineEnd(units[start-1]) {
		start--
	}
	n := 0
	for start+n < k && (units[start+n].b == ' ' || units[start+n].b == '\t') {
		n++
	}
	return n
}

// tagOpen reports whether the name at units[i] opens an XML element: "<"
// before it, or "<prefix:".
func tagOpen(units []unit, i int) bool {
	if i > 0 && units[i-1].b == '<' {
		return true
	}
	if i == 0 || units[i-1].b != ':' {
		return false
	}
	k := i - 1
	for k > 0 && isNameByte(units[k-1].b) && i-k < maxNameBytes {
		k--
	}
	return k > 0 && k < i-1 && units[k-1].b == '<'
}

// xmlValue is an element's text, after its start tag's name ends at j
// (attributes skipped): to the next "<", or a CDATA section whole.
func xmlValue(units []unit, j int) (from, to int, ok bool) {
	k := j
	for k < len(units) && units[k].b != '>' && units[k].b != '<' {
		k++
	}
	if k == len(units) || units[k].b != '>' || (k > 0 && units[k-1].b == '/') {
		return 0, 0, false
	}
	k++
	if spells(units, k, "<![cdata[") {
		e := k + 9
		for e < len(units) && !spells(units, e, "]]>") {
			e++
		}
		return k, min(len(units), e+3), true
	}
	e := k
	for e < len(units) && units[e].b != '<' {
		e++
	}
	return k, e, e > k
}

// spells reports whether units from k spell word (lower case).
func spells(units []unit, k int, word string) bool {
	if k+len(word) > len(units) {
		return false
	}
	for m := range len(word) {
		if units[k+m].b != word[m] {
			return false
		}
	}
	return true
}

// isAuthScheme reports whether units[k] starts an HTTP authentication
// scheme followed by a space.
func isAuthScheme(units []unit, k int) bool {
	for _, s := range []string{"bearer ", "basic ", "digest ", "token ", "negotiate "} {
		if spells(units, k, s) {
			return true
		}
	}
	return false
}

// userInfo finds, at units[i], a URL's user info or a password before an
// "@".
func userInfo(units []unit, i int) (from, to int, ok bool) {
	if from, to, ok := userInfoAt(units, i); ok {
		return from, to, ok
	}
	return passwordBeforeAt(units, i)
}

// userInfoAt finds the user info of a URL whose "//" starts at units[i]
// (after a scheme or not): the units between "//" and the last "@" before
// the host ends.
func userInfoAt(units []unit, i int) (from, to int, ok bool) {
	if !spells(units, i, "//") {
		return 0, 0, false
	}
	from = i + 2
	at := -1
	for k := from; k < len(units); k++ {
		b := units[k].b
		if b == '/' || b == '?' || b == '#' || b <= ' ' || b == '"' || b == '\'' || b == '<' || b == '>' {
			break
		}
		if b == '@' {
			at = k
		}
	}
	return from, at, at > from
}

// privateKeyBlock reports whether a PEM private key starts at units[i]:
// a run of 3 or more dashes, BEGIN, a label that reads "private key" once
// white space, '_' and '-' are left out ("-----BEGIN RSA PRIVATE KEY-----",
// also with six dashes, a tab or PRIVATE_KEY); and the unit after its END
// line (or the text's end).
func privateKeyBlock(units []unit, i int) (to int, ok bool) {
	k, found := beginLabel(units, i, "begin")
	if !found {
		return 0, false
	}
	var label [64]byte
	n := 0
	for ; k < len(units) && units[k].b != '-' && !isLineEnd(units[k]) && n < len(label); k++ {
		if isAlnum(units[k].b) {
			label[n] = units[k].b
			n++
		}
	}
	if !strings.Contains(string(label[:n]), "privatekey") {
		return 0, false
	}
	for ; k < len(units); k++ {
		if e, end := beginLabel(units, k, "end"); end {
			for e < len(units) && !isLineEnd(units[e]) && !spells(units, e, "---") {
				e++ // the label
			}
			for e < len(units) && units[e].b == '-' {
				e++ // the closing dashes
			}
			return e, true
		}
	}
	return len(units), true
}

// beginLabel reports whether units[i] starts a run of 3 or more dashes
// followed, perhaps after white space, by word, and the unit after word.
func beginLabel(units []unit, i int, word string) (int, bool) {
	if units[i].b != '-' || (i > 0 && units[i-1].b == '-') {
		return 0, false
	}
	k := i
	for k < len(units) && units[k].b == '-' {
		k++
	}
	if k-i < 3 {
		return 0, false
	}
	k = skipSpaces(units, k)
	if !spells(units, k, word) {
		return 0, false
	}
	return k + len(word), true
}

// maxUserInfo bounds how far a password is looked for after a colon.
const maxUserInfo = 64

// passwordBeforeAt finds, at the colon units[i] after a user name, the
// password of "user:password@host" written without a scheme: the units
// after it to an "@" that a host follows.
func passwordBeforeAt(units []unit, i int) (from, to int, ok bool) {
	if units[i].b != ':' || i == 0 || !isAlnum(units[i-1].b) || spells(units, i, "://") {
		return 0, 0, false
	}
	for k := i + 1; k < len(units) && k-i < maxUserInfo; k++ {
		switch b := units[k].b; {
		case b == '@':
			return i + 1, k, k > i+1 && k+1 < len(units) && isAlnum(units[k+1].b)
		case b <= ' ' || strings.IndexByte("/?#\"'<>", b) >= 0:
			return 0, 0, false
		}
	}
	return 0, 0, false
}

func lineEnd(units []unit, k int) int {
	for k < len(units) && !isLineEnd(units[k]) && !isRawQuote(units[k]) {
		k++
	}
	return k
}

// skipSpace skips spaces and tabs, and line breaks too when lines is set.
func skipSpace(units []unit, k int, lines bool) int {
	for k < len(units) && (units[k].b == ' ' || units[k].b == '\t' || (lines && isLineEnd(units[k]))) {
		k++
	}
	return k
}

func skipSpaces(units []unit, k int) int { return skipSpace(units, k, false) }

func isLineEnd(u unit) bool { return u.b == '\n' || u.b == '\r' }

// isRawQuote reports whether u is a '"' as itself: the end of the JSON
// string a value may be written in.
func isRawQuote(u unit) bool { return u.b == '"' && !u.escaped }

// closingBracket is the unit after the bracket that closes units[k], or
// len(units); brackets inside quoted strings do not count.
func closingBracket(units []unit, k int) int {
	depth := 0
	var quote byte
	for e := k; e < len(units); e++ {
		b := units[e].b
		switch {
		case quote != 0:
			if b == quote && !units[e].escaped {
				quote = 0
			}
		case (b == '"' || b == '\'') && !units[e].escaped:
			quote = b
		case b == '{' || b == '[':
			depth++
		case b == '}' || b == ']':
			depth--
			if depth == 0 {
				return e + 1
			}
		}
	}
	return len(units)
}
