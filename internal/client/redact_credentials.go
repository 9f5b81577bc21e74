package client

// credentialNames end the name of a member whose value is a credential,
// once normalised: in lower case, without '_', '-' and '.'. Ends, so that
// clientSecret, httpAuthorization, x-api-key, refresh_token and
// db.password are all found; "key" alone is too common a name (it is one
// of this provider's own), "api key" is found as two words.
var credentialNames = []string{
	"authorization", "secret", "secrets", "password", "passwd", "passphrase",
	"token", "tokens", "apikey", "accesskey", "privatekey", "credential", "credentials",
	"cookie", "signature",
}

// maskCredentialValues passes to span the value of every member of units
// (the decoded characters of a text n bytes long) whose name is a
// credential's: in JSON ("name": "value"), single quotes, YAML or a header
// (name: value, to the line's end), a form or an attribute (name=value)
// and XML (<name>value<). A value the text ends in is masked to its end.
func maskCredentialValues(units []unit, n int, span func(from, to int)) {
	for i := 0; i < len(units); {
		if !isNameByte(units[i].b) {
			i++
			continue
		}
		j := i
		for j < len(units) && isNameByte(units[j].b) {
			j++
		}
		if isCredentialName(units, i, j) {
			if from, to, ok := credentialValue(units, i, j); ok {
				end := n
				if to < len(units) {
					end = units[to].start
				}
				span(units[from].start, end)
				j = max(j, to)
			}
		}
		i = j
	}
}

// isNameByte reports whether b may be part of a member's name.
func isNameByte(b byte) bool { return isAlnum(b) || b == '_' || b == '-' || b == '.' }

// isCredentialName reports whether units[i:j], a name, ends in one of
// credentialNames once normalised, or is "key" after "api ".
func isCredentialName(units []unit, i, j int) bool {
	var tail [16]byte // the name's normalised end, backwards
	n := 0
	for k := j - 1; k >= i && n < len(tail); k-- {
		if b := units[k].b; isAlnum(b) {
			tail[n] = b
			n++
		}
	}
	for _, name := range credentialNames {
		if endsWith(tail[:n], name) {
			return true
		}
	}
	return n == 3 && endsWith(tail[:n], "key") && i >= 4 && units[i-1].b == ' ' &&
		units[i-4].b == 'a' && units[i-3].b == 'p' && units[i-2].b == 'i' && (i == 4 || !isNameByte(units[i-5].b))
}

// endsWith reports whether backwards, a name's end spelled backwards, ends
// in name.
func endsWith(backwards []byte, name string) bool {
	if len(backwards) < len(name) {
		return false
	}
	for k := range len(name) {
		if backwards[k] != name[len(name)-1-k] {
			return false
		}
	}
	return true
}

// credentialValue finds the value after the name units[i:j]: the units
// [from, to) to mask, ok when there is a separator and a value after it.
func credentialValue(units []unit, i, j int) (from, to int, ok bool) {
	xml := i > 0 && units[i-1].b == '<'
	quotedName := i > 0 && (units[i-1].b == '"' || units[i-1].b == '\'')
	k := j
	if quotedName && k < len(units) && units[k].b == units[i-1].b {
		k++
	}
	k = skipSpaces(units, k)
	if k == len(units) {
		return 0, 0, false
	}
	sep := units[k].b
	switch {
	case xml && sep == '>', !xml && (sep == ':' || sep == '='):
	default:
		return 0, 0, false
	}
	if !xml {
		k = skipSpaces(units, k+1)
	} else {
		k++
	}
	if k == len(units) {
		return 0, 0, false
	}
	first := units[k]
	var stop func(u unit) bool
	switch {
	case first.b == '"' || first.b == '\'':
		k++ // inside the quotes, to the same quote spelled the same way
		stop = func(u unit) bool { return u.b == first.b && u.escaped == first.escaped }
	case xml:
		stop = func(u unit) bool { return u.b == '<' }
	case first.b == '{' || first.b == '[':
		return k, closingBracket(units, k), true
	case sep == ':' && quotedName: // JSON without quotes around the value
		stop = func(u unit) bool { return isLineEnd(u) || isRawQuote(u) || u.b == ',' || u.b == '}' || u.b == ']' }
	case sep == ':': // YAML, a header: to the line's end
		stop = func(u unit) bool { return isLineEnd(u) || isRawQuote(u) }
	default: // a form, a query, an attribute
		stop = func(u unit) bool {
			return u.b <= ' ' || isRawQuote(u) || u.b == '\'' || u.b == '&' || u.b == ';' || u.b == ',' || u.b == '<' || u.b == '>'
		}
	}
	e := k
	for e < len(units) && !stop(units[e]) {
		e++
	}
	return k, e, e > k
}

func skipSpaces(units []unit, k int) int {
	for k < len(units) && (units[k].b == ' ' || units[k].b == '\t') {
		k++
	}
	return k
}

func isLineEnd(u unit) bool { return u.b == '\n' || u.b == '\r' }

// isRawQuote reports whether u is a '"' as itself: the end of the JSON
// string a value may be written in.
func isRawQuote(u unit) bool { return u.b == '"' && !u.escaped }

// closingBracket is the unit after the bracket that closes units[k], or
// len(units).
func closingBracket(units []unit, k int) int {
	depth := 0
	for e := k; e < len(units); e++ {
		switch units[e].b {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return e + 1
			}
		}
	}
	return len(units)
}
