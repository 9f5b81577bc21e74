package client

import (
	"cmp"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// apiPath is where the versioned API lives below a base URL.
const apiPath = "/api/v1"

// ParseBaseURL checks that raw is an absolute http(s) URL with a host, and
// that it is https unless the host is a loopback address: the API key must
// never travel in clear text over a network. A path is a prefix kept in
// front of /api/v1 (a gateway's, say); /api/v1 at its end is recognized and
// dropped, so it is never doubled. User info (any @, also escaped as %40 or
// %2540), a query and a fragment are refused. The host is lower-cased.
//
// An error quotes raw with whatever could be a user name or password
// masked (maskURL), however malformed raw is, and says what to write
// instead: the URL the user most likely meant (suggestURL), or
// https://<host> when none can be made from raw. A raw that is not
// plausibly a URL (plausibleURL: another setting's value, an API key say)
// is not quoted at all: the error gives its length.
func ParseBaseURL(raw string) (*url.URL, error) {
	s := strings.TrimSpace(raw)
	u, p := parseBaseURL(s)
	if p.kind == urlOK {
		return u, nil
	}
	if p.kind != urlEmpty && !plausibleURL(s) {
		return nil, fmt.Errorf("the value is not a URL (%s, no scheme, no host name): write %s or the URL of your region, "+
			"or http://127.0.0.1:PORT for a local emulator", plural(utf8.RuneCountInString(s), "character"), Regions[DefaultRegion])
	}
	shown := strconv.Quote(maskURL(s))
	write := "; write " + strconv.Quote(cmp.Or(suggestURL(s), "https://<host>"))
	switch p.kind {
	case urlEmpty:
		return nil, errors.New(`the URL is empty; write "https://<host>", or leave it out to use the region's URL`)
	case urlUserInfo:
		return nil, fmt.Errorf("%s must not hold a user name or password (nor any @): the API key is the only credential sent%s", shown, write)
	case urlUnspecified:
		return nil, fmt.Errorf("%s names %s, which a server listens on to accept connections on all its interfaces, but which is no "+
			"address to connect to%s to reach that server on this machine, through loopback", shown, hostOf(p.loose.authority), write)
	case urlNoScheme:
		if IsLoopback(hostOf(p.loose.authority)) {
			return nil, fmt.Errorf("%s must start with http:// or https://%s (plain http:// is allowed for loopback hosts only)", shown, write)
		}
		return nil, fmt.Errorf("%s must start with https://%s", shown, write)
	case urlNoHost:
		return nil, fmt.Errorf("%s has no host right after %q%s", shown, p.loose.scheme+"://", write)
	case urlInvalid:
		return nil, fmt.Errorf("%s is not a valid URL (%s)%s", shown, p.detail, write)
	case urlBadPort:
		return nil, fmt.Errorf("%s has no valid port: a port is a number from 1 to 65535", shown)
	case urlQuery:
		return nil, fmt.Errorf("%s must be a scheme, host and optional path only (no query or fragment)%s", shown, write)
	case urlClearText:
		return nil, fmt.Errorf("%s uses http://, which would send the API key in clear text%s "+
			"(http:// is allowed only for loopback hosts such as 127.0.0.1 or localhost)", shown, write)
	default: // urlBadPath
		return nil, fmt.Errorf("%s has an invalid path (%s)%s", shown, p.detail, write)
	}
}

// urlProblem is what parseBaseURL found wrong with a base URL.
type urlProblem struct {
	kind   int
	loose  looseURL
	detail string // for urlInvalid and urlBadPath: what is wrong, echoing no more than a character or an escape
}

const (
	urlOK = iota
	urlEmpty
	urlUserInfo
	urlNoScheme
	urlNoHost
	urlInvalid
	urlBadPort
	urlQuery
	urlClearText
	urlBadPath
	urlUnspecified
)

// parseBaseURL is ParseBaseURL without the messages: it says what is wrong,
// so that suggestURL can check a candidate with it.
func parseBaseURL(s string) (*url.URL, urlProblem) {
	l := splitURL(s)
	p := urlProblem{loose: l}
	switch {
	case s == "":
		p.kind = urlEmpty
	case atRE.MatchString(s):
		p.kind = urlUserInfo
	case isUnspecified(hostOf(l.authority)):
		p.kind = urlUnspecified
	case l.scheme != "https" && l.scheme != "http":
		p.kind = urlNoScheme
	case l.sep != "://":
		p.kind = urlNoHost
	}
	if p.kind != urlOK {
		return nil, p
	}
	u, err := url.Parse(s)
	if err != nil {
		var badPort bool
		p.kind = urlInvalid
		p.detail, badPort = parseProblem(err)
		if badPort {
			p.kind = urlBadPort
		}
		return nil, p
	}
	switch {
	case u.User != nil: // an @ is refused above; kept should that change
		p.kind = urlUserInfo
	case u.Host == "" || u.Hostname() == "":
		p.kind = urlNoHost
	case strings.HasSuffix(u.Host, ":") || (u.Port() != "" && !validPort(u.Port())):
		p.kind = urlBadPort
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(s, "#"):
		p.kind = urlQuery
	case u.Scheme == "http" && !IsLoopback(u.Hostname()):
		p.kind = urlClearText
	}
	if p.kind != urlOK {
		return nil, p
	}
	u.Host = strings.ToLower(u.Host)
	prefix := strings.TrimRight(u.EscapedPath(), "/")
	prefix = strings.TrimRight(strings.TrimSuffix(prefix, apiPath), "/")
	if u.Path, err = url.PathUnescape(prefix); err != nil {
		p.kind, p.detail = urlBadPath, "a percent sign that does not start an escape such as %2F"
		return nil, p
	}
	u.RawPath = prefix
	return u, p
}

func validPort(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && n >= 1 && n <= 65535
}

// looseURL is a base URL as written, split without judging it, so that a
// malformed one can be masked and mended: "localhost:18089", "https:/h",
// "https:\\\\h" and "ftp://h" all have the authority (host and port) h or
// localhost:18089.
type looseURL struct {
	head      string // what comes before the authority, as written: a scheme, a colon and slashes
	scheme    string // lower-cased; "" when none was written
	sep       string // what follows the scheme: "://" when well formed
	authority string // up to the first /, \\, ? or #
	path      string // from there up to the first ? or #
	tail      string // the query and fragment
}

// schemeRE is a scheme, then a colon and any slashes, or (https//h) two
// slashes or more.
var schemeRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*)(:[/\\]*|[/\\]{2,})`)

// splitURL splits s. A word before a colon is a scheme when slashes follow
// it, or when it is http or https: "localhost:18089" and "user:pw@h" have
// none.
func splitURL(s string) looseURL {
	var l looseURL
	if m := schemeRE.FindStringSubmatch(s); m != nil {
		name := strings.ToLower(m[1])
		if name == "http" || name == "https" || (m[2][0] == ':' && len(m[2]) > 1) {
			l.head, l.scheme, l.sep = m[0], name, m[2]
		}
	}
	if l.head == "" {
		l.head = s[:len(s)-len(strings.TrimLeft(s, `/\`))]
	}
	rest := s[len(l.head):]
	end := strings.IndexAny(rest, `/\?#`)
	if end < 0 {
		end = len(rest)
	}
	l.authority, rest = rest[:end], rest[end:]
	end = strings.IndexAny(rest, "?#")
	if end < 0 {
		end = len(rest)
	}
	l.path, l.tail = rest[:end], rest[end:]
	return l
}

// atRE is an @, or its escape %40, escaped any number of times (%2540).
var atRE = regexp.MustCompile(`@|%(?:25)*40`)

// lastAt is where the last @ of s, in any of its spellings (atRE), starts
// and ends (-1 for none): what comes before could be user info.
func lastAt(s string) (start, end int) {
	all := atRE.FindAllStringIndex(s, -1)
	if len(all) == 0 {
		return -1, -1
	}
	last := all[len(all)-1]
	return last[0], last[1]
}

// maskURL is s for a message: whatever comes before its last @ (atRE),
// from the end of the scheme on, becomes *** (maskUserInfo), as does what
// maskHostPort masks in the host and port; a query or a fragment becomes
// "?…" or "#…". No spelling, however malformed, shows user info: anything
// that could be a user name or a password is masked. Base URLs and proxy
// variables are masked by it alike.
func maskURL(s string) string {
	l := splitURL(maskUserInfo(s))
	authority := l.authority
	if rest, ok := strings.CutPrefix(authority, "***@"); ok {
		authority = "***@" + maskHostPort(rest)
	} else {
		authority = maskHostPort(authority)
	}
	if l.tail != "" {
		l.tail = l.tail[:1] + "…"
	}
	return l.head + authority + l.path + l.tail
}

// plausibleURL reports whether s is plausibly meant as a URL or a host, so
// that a message may show it (masked) and suggest a URL made of it: a
// scheme is written, or (after any user info) the host is localhost or an
// IP address, or a host name with a dot or a port. A host name here is
// made of letters, digits, dashes and underscores, labels of at most 63,
// and is not in mixed case: an API key, or base64 (whose "/" once passed
// for a host and a path), given in place of a URL is none of these, and is
// never shown.
func plausibleURL(s string) bool {
	if start, end := lastAt(s); start >= 0 {
		s = splitURL(s).head + s[end:]
	}
	l := splitURL(s)
	if l.scheme != "" {
		return true
	}
	host, port, hasPort := cutPort(l.authority)
	if hasPort && (port == "" || !digits(port)) {
		return false
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if IsLoopback(host) || net.ParseIP(host) != nil {
		return true
	}
	return host != "" && hostNameLike(host) && (strings.Contains(host, ".") || hasPort)
}

// LooksLikeURL reports whether s is plausibly meant as a URL or a host
// (plausibleURL), for a setting that takes neither: such a value is said
// to be a URL, shown as ShownURL shows it.
func LooksLikeURL(s string) bool { return plausibleURL(strings.TrimSpace(s)) }

// ShownURL is s as an error shows a URL (shownURL), for a setting other
// than base_url that was given one.
func ShownURL(s string) string { return shownURL(strings.TrimSpace(s)) }

// shownURL is s as a message shows it: quoted, with maskURL's masking,
// when it is plausibly a URL or a host (plausibleURL), otherwise its length
// only.
func shownURL(s string) string {
	if plausibleURL(s) {
		return strconv.Quote(maskURL(s))
	}
	return plural(utf8.RuneCountInString(s), "character")
}

// hostNameLike reports whether s is written like a host name: labels of
// letters, digits, dashes and underscores, at most 63 each, separated by
// dots, and not in mixed case.
func hostNameLike(s string) bool {
	if s == "" || (strings.ToLower(s) != s && strings.ToUpper(s) != s) {
		return false
	}
	for label := range strings.SplitSeq(s, ".") {
		if label == "" || len(label) > 63 || strings.Trim(strings.ToLower(label), "abcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
			return false
		}
	}
	return true
}

// maskUserInfo is s with whatever comes before its last @ (atRE), from
// the end of the scheme on, replaced by ***: the password cannot be found
// by parsing a value that does not parse.
func maskUserInfo(s string) string {
	if start, end := lastAt(s); start >= 0 {
		return splitURL(s).head + "***@" + s[end:]
	}
	return s
}

// maskHostPort masks what, in a host and port, could be a password
// written without an @: a port that is not a number ("user:password"),
// brackets that do not hold an IPv6 address ("[user:password]"), and
// whatever follows the brackets but a port ("[::1]x:password").
func maskHostPort(a string) string {
	if inside, ok := strings.CutPrefix(a, "["); ok {
		end := strings.IndexByte(inside, ']')
		if end < 0 {
			if ipv6Like(inside) {
				return a
			}
			return "[***"
		}
		host, rest := inside[:end], inside[end+1:]
		if !ipv6Like(host) {
			host = "***"
		}
		if port, ok := strings.CutPrefix(rest, ":"); rest != "" && (!ok || !digits(port)) {
			rest = "***"
		}
		return "[" + host + "]" + rest
	}
	if net.ParseIP(a) != nil {
		return a
	}
	host, port, ok := strings.Cut(a, ":")
	if !ok || digits(port) {
		return a
	}
	return host + ":***"
}

// ipv6Like reports whether s is made of what an IPv6 address is written
// with (hexadecimal digits, colons and dots), with an optional zone after
// a %.
func ipv6Like(s string) bool {
	addr, _, _ := strings.Cut(s, "%")
	return strings.Trim(addr, "0123456789abcdefABCDEF:.") == ""
}

// digits reports whether s holds decimal digits only ("" included), but
// for white space at its end (a line break left in a variable).
func digits(s string) bool {
	return strings.Trim(strings.TrimRightFunc(s, unicode.IsSpace), "0123456789") == ""
}

// parseProblem says what url.Parse found wrong, in words that repeat no
// more of the URL than a character: its own text can quote the port, the
// host in brackets, an escape or the whole URL, any of which could hold a
// password. badPort: the port is not a number.
func parseProblem(err error) (problem string, badPort bool) {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var escape url.EscapeError
	switch text := err.Error(); {
	case strings.HasPrefix(text, "invalid port "):
		return "the port is not a number", true
	case strings.HasPrefix(text, "invalid host: "):
		return "the host in brackets is not an IPv6 address", false
	case errors.As(err, &escape):
		return "a percent sign that does not start an escape such as %2F", false
	default:
		return text, false
	}
}

// cutPort splits a host and port written host:port, [v6]:port or a bare
// IPv6 address (no port); ok is false when there is no colon.
func cutPort(a string) (host, port string, ok bool) {
	if strings.HasPrefix(a, "[") {
		end := strings.IndexByte(a, ']')
		if end >= 0 {
			host, rest := a[:end+1], a[end+1:]
			port, ok = strings.CutPrefix(rest, ":")
			return host, port, ok
		}
		if strings.Trim(a[1:], "0123456789abcdefABCDEF:.") == "" { // an IPv6 address missing its ]
			return a, "", false
		}
	}
	if ip := net.ParseIP(a); ip != nil {
		return a, "", false
	}
	return strings.Cut(a, ":")
}

// hostOf is the host of an authority, without port or brackets.
func hostOf(a string) string {
	host, _, _ := cutPort(a)
	return strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
}

// suggestURL is the base URL that s most likely means, when ParseBaseURL
// accepts it: s without user info, query and fragment, with "://" after
// the scheme and / for \\, a bare IPv6 address in brackets, 127.0.0.1 or
// [::1] for 0.0.0.0 or [::] (where a server listens), and the scheme
// https, or http for a loopback host when s does not say https. "" when no
// such URL can be made from s: the user info cannot be told from the
// path, or what remains is not a valid base URL.
func suggestURL(s string) string {
	if start, end := lastAt(s); start >= 0 {
		l := splitURL(s)
		if start < len(l.head) || strings.ContainsAny(s[len(l.head):start], `/\?#`) {
			return ""
		}
		s = l.head + s[end:]
	}
	l := splitURL(s)
	authority := l.authority
	if ip := net.ParseIP(authority); ip != nil && strings.Contains(authority, ":") {
		authority = "[" + authority + "]"
	}
	if host, port, _ := cutPort(authority); isUnspecified(hostOf(host)) {
		// Where a server listens on every interface, it is reached on
		// this machine through loopback, in the same address family.
		authority = "127.0.0.1"
		if strings.HasPrefix(host, "[") {
			authority = "[::1]"
		}
		if port != "" {
			authority += ":" + port
		}
	}
	scheme := "https"
	if IsLoopback(hostOf(authority)) && l.scheme != "https" && l.scheme != "wss" {
		scheme = "http"
	}
	candidate := scheme + "://" + authority + strings.ReplaceAll(l.path, `\`, "/")
	if _, p := parseBaseURL(candidate); p.kind != urlOK {
		return ""
	}
	return candidate
}

// isUnspecified reports whether host is 0.0.0.0 or ::, the address a
// server listens on to accept connections on all its interfaces.
func isUnspecified(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsUnspecified()
}

// IsLoopback reports whether host names this machine: localhost, 127.0.0.0/8
// or ::1.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// webhooksURL is the list endpoint of one (checked) account: the base URL's
// path prefix, then /api/v1/accounts/{id}/webhooks, escaped once.
func (c *Client) webhooksURL(accountID string) *url.URL {
	u := *c.base
	rest := apiPath + "/accounts/%s/webhooks"
	u.Path = c.base.Path + fmt.Sprintf(rest, accountID)
	u.RawPath = c.base.EscapedPath() + fmt.Sprintf(rest, url.PathEscape(accountID))
	return &u
}
