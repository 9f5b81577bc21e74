package emulator

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/spelling"
)

// Account is one account's webhooks, as read from a seed file.
type Account struct {
	ID       string
	Webhooks []Webhook
}

// LoadFile reads a seed file: a JSON object whose keys are account ids and
// whose values are lists of webhooks in the API's own JSON shape (what a GET
// of /api/v1/accounts/{accountId}/webhooks returns), for example
//
//	{"3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f": [
//	  {"type": "MSG", "subAccountId": "*", "url": "https://hooks.example.com/msg", "enabled": true}
//	]}
//
// url and oauth.url must be absolute http or https URLs with a host.
// Secrets (httpAuthorization, oauth.clientSecret) may be given in clear or
// as 8x8's mask "***"; they are served masked either way. Members the API
// does not describe are served as they are, unless their name is close to
// one it describes: a misspelling, which is a mistake. The accounts come
// back in the file's order. An error lists every mistake, one a line (the
// first 20, then the line of the next, where reading stopped), each naming
// the file, the line (the member's own, when it is there) and, where there
// is one, the account and the webhook; it never shows a secret.
//
// Only a regular file of at most MaxFileBytes is read: a device, a FIFO or
// a directory (also behind a symbolic link) is refused before it is
// opened, and again once open should the path have changed in between, so
// that neither /dev/zero nor a pipe nobody writes to can grow or block the
// emulator.
func LoadFile(path string) ([]Account, error) {
	data, err := readSeedFile(path)
	if err != nil {
		return nil, err
	}
	accounts, err := parseAccounts(data)
	var seedErr *seedError
	if errors.As(err, &seedErr) {
		seedErr.file = path
	}
	if err != nil {
		return nil, err
	}
	return accounts, nil
}

// MaxFileBytes bounds the file LoadFile reads: far more than any account
// holds (the provider reads at most 32 MiB of one account's webhooks).
const MaxFileBytes = 64 << 20

// beforeOpen lets a test change the file between its stat and its open.
var beforeOpen = func(string) {}

// readSeedFile reads path, a regular file of at most MaxFileBytes. It is
// opened without blocking (on Unix) and checked again once open, so that
// a FIFO swapped in after the stat neither blocks open(2) nor is read.
func readSeedFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %s, not a regular file: give the path of a JSON file", path, fileKind(info.Mode()))
	}
	if info.Size() > MaxFileBytes {
		return nil, fmt.Errorf("%s: %d bytes, more than the %d a seed file may have", path, info.Size(), MaxFileBytes)
	}
	beforeOpen(path)
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// What was opened may not be what was checked (a FIFO or a device
	// swapped in since): check again what the open file is.
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %s, not a regular file: give the path of a JSON file", path, fileKind(info.Mode()))
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileBytes { // it grew after the check
		return nil, fmt.Errorf("%s: more than the %d bytes a seed file may have", path, MaxFileBytes)
	}
	return data, nil
}

// fileKind names what a path that is not a regular file is.
func fileKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&(os.ModeDevice|os.ModeCharDevice) != 0:
		return "a device"
	case m&os.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// maxProblems bounds the mistakes one error lists; the others are counted.
const maxProblems = 20

// seedError is every mistake found in a seed file, one a line, each with
// its line and where it is: the account, the webhook and the member.
type seedError struct {
	file      string
	problems  []string
	stoppedAt int // the line of the mistake after the first maxProblems, where reading stopped
}

func (e *seedError) Error() string {
	prefix := ""
	if e.file != "" {
		prefix = e.file + ": "
	}
	var b strings.Builder
	for i, p := range e.problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(prefix + p)
	}
	if e.stoppedAt > 0 {
		fmt.Fprintf(&b, "\n%sline %d: more mistakes; the first %d are shown, the file was read no further", prefix, e.stoppedAt, maxProblems)
	}
	return b.String()
}

// parseAccounts is LoadFile for JSON already in memory. It goes on after
// a mistake, to report them all, up to where the JSON itself is broken.
func parseAccounts(data []byte) ([]Account, error) {
	p := &parser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	accounts := p.file()
	if len(p.err.problems) > 0 {
		return nil, &p.err
	}
	return accounts, nil
}

// parser reads a seed file token by token, noting where each starts.
type parser struct {
	data    []byte
	dec     *json.Decoder
	err     seedError
	pending []pending // the mistakes of the webhook being read

	lineOffset int64 // the last offset lineAt counted to, on line lineNumber
	lineNumber int
}

// lineAt is the 1-based line of byte offset, counted from the last offset
// asked for: mistakes come in about the order of the file, so that the
// file is counted through about once, however many there are.
func (p *parser) lineAt(offset int64) int {
	offset = min(max(offset, 0), int64(len(p.data)))
	if p.lineNumber == 0 {
		p.lineNumber = 1
	}
	if offset >= p.lineOffset {
		p.lineNumber += bytes.Count(p.data[p.lineOffset:offset], []byte("\n"))
	} else {
		p.lineNumber -= bytes.Count(p.data[offset:p.lineOffset], []byte("\n"))
	}
	p.lineOffset = offset
	return p.lineNumber
}

// pending is a mistake in a webhook, reported once the webhook is read,
// in the order of the file.
type pending struct {
	offset int64
	text   string
}

// problem notes a mistake at byte offset; context says where it is.
func (p *parser) problem(offset int64, context, format string, args ...any) {
	if len(p.err.problems) == maxProblems {
		if p.err.stoppedAt == 0 {
			p.err.stoppedAt = p.lineAt(offset)
		}
		return
	}
	p.err.problems = append(p.err.problems, fmt.Sprintf("line %d: %s", p.lineAt(offset), context)+fmt.Sprintf(format, args...))
}

// failed reports whether the file has a mistake so far; stopped whether
// it has so many that reading it further is no use.
func (p *parser) failed() bool  { return len(p.err.problems) > 0 }
func (p *parser) stopped() bool { return p.err.stoppedAt > 0 }

// broken notes err, a JSON error that ends the parse, found at offset or,
// for a syntax error, where it says.
func (p *parser) broken(offset int64, context string, err error) {
	var syntax *json.SyntaxError
	switch {
	case errors.As(err, &syntax):
		offset = syntax.Offset - 1
		err = fmt.Errorf("invalid JSON: %w", err)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		offset, err = int64(len(p.data)), errTruncated
	}
	p.problem(offset, context, "%v", err)
}

// at is the offset where the next token starts.
func (p *parser) at() int64 { return nextToken(p.data, p.dec.InputOffset()) }

// token reads the next token and where it starts; false when the JSON is
// broken there (noted).
func (p *parser) token(context string) (json.Token, int64, bool) {
	offset := p.at()
	tok, err := p.dec.Token()
	if err != nil {
		p.broken(offset, context, err)
		return nil, offset, false
	}
	return tok, offset, true
}

// value reads the next value whole and where it starts; false when the
// JSON is broken there (noted).
func (p *parser) value(context string) (json.RawMessage, int64, bool) {
	offset := p.at()
	var raw json.RawMessage
	if err := p.dec.Decode(&raw); err != nil {
		p.broken(offset, context, err)
		return nil, offset, false
	}
	return raw, offset, true
}

// file reads the whole file: an object of accounts.
func (p *parser) file() []Account {
	tok, offset, ok := p.token("")
	if !ok {
		return nil
	}
	if tok != json.Delim('{') {
		p.problem(offset, "", `want a JSON object that maps account ids to lists of webhooks, like {"<account id>": [{"subAccountId": "*", "url": "https://…"}]}`)
		return nil
	}
	var accounts []Account
	seen := map[string]string{} // normalized id → id as written
	for p.dec.More() {
		tok, offset, ok := p.token("")
		if !ok {
			return nil
		}
		id, _ := tok.(string) // an object key is always a string
		context := "account " + id + ": "
		switch first, dup := seen[normalizeAccountID(id)]; {
		case len(id) < 32 || len(id) > 36 || !AccountIDPattern.MatchString(id):
			// Not shown: a key pasted in the wrong place would be.
			p.problem(offset, "", "an account id is 32 hexadecimal digits, dashes optional, like %s; this one %s (not shown, in case it is a secret)", DefaultAccountID, whatIsWrong(id))
			context = fmt.Sprintf("the account of line %d: ", p.lineAt(offset))
		case dup:
			p.problem(offset, "", "account %s appears twice (first as %q)", id, first)
		default:
			seen[normalizeAccountID(id)] = id
		}
		hooks, ok := p.webhooks(context)
		if !ok || p.stopped() {
			return nil
		}
		if !p.failed() { // else kept for nothing
			accounts = append(accounts, Account{ID: id, Webhooks: hooks})
		}
	}
	if _, _, ok := p.token(""); !ok { // }
		return nil
	}
	offset = p.at()
	if _, err := p.dec.Token(); err != io.EOF {
		p.problem(offset, "", "more JSON after the object")
	}
	return accounts
}

// webhooks reads one account's list of webhooks; false when the JSON is
// broken (noted).
func (p *parser) webhooks(context string) ([]Webhook, bool) {
	if offset := p.at(); offset >= int64(len(p.data)) || p.data[offset] != '[' {
		if _, _, ok := p.value(context); !ok {
			return nil, false
		}
		p.problem(offset, context, "want a list of webhooks")
		return nil, true
	}
	if _, _, ok := p.token(context); !ok { // [
		return nil, false
	}
	hooks := []Webhook{}
	where := map[[2]string]int{} // (type, subAccountId) → webhook number
	for n := 1; p.dec.More(); n++ {
		context := fmt.Sprintf("%swebhook %d: ", context, n)
		raw, offset, ok := p.value(context)
		if !ok {
			return nil, false
		}
		h, ok := p.webhook(raw, offset, context)
		pair := [2]string{h.Type, h.SubAccountID}
		if other, dup := where[pair]; ok && dup {
			p.problem(offset, context, "webhook %d has the same type %q and subAccountId %q; 8x8 keeps one webhook per type and sub-account", other, h.Type, h.SubAccountID)
		} else if ok {
			where[pair] = n
		}
		if p.stopped() {
			return nil, false
		}
		if !p.failed() { // else kept for nothing
			hooks = append(hooks, h)
		}
	}
	if _, _, ok := p.token(context); !ok { // ]
		return nil, false
	}
	return hooks, true
}

var errTruncated = errors.New("invalid JSON: the file ends too early")

// whatIsWrong says why id is not an account id, without showing it.
func whatIsWrong(id string) string {
	if n := utf8.RuneCountInString(id); n < 32 || n > 36 {
		return fmt.Sprintf("has %d characters", n)
	}
	for i, r := range []rune(id) {
		if r != '-' && !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return fmt.Sprintf("has a character that is neither a hexadecimal digit nor a dash (the %s)", ordinal(i+1))
		}
	}
	return "has its dashes where a UUID has none"
}

// ordinal writes n as 1st, 2nd, 3rd, 4th and so on.
func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// secret reports whether the member name holds a secret, whose value no
// message shows.
func secret(name string) bool { return name == "httpAuthorization" || name == "clientSecret" }

// describe names a JSON value for a message: the kind of value only, for
// a secret, a list or an object (which may hold a secret); else the value
// itself, its start when it is long.
func describe(raw json.RawMessage, secret bool) string {
	if !secret && raw[0] != '[' && raw[0] != '{' {
		const most = 40 // runes
		cut := 0
		for i, n := 0, 0; i < len(raw); n++ {
			if n == most {
				return string(raw[:cut]) + "…"
			}
			if n == most-1 {
				cut = i
			}
			_, size := utf8.DecodeRune(raw[i:])
			i += size
		}
		return string(raw)
	}
	switch raw[0] {
	case '"':
		return "a string"
	case '[':
		return "a list"
	case '{':
		return "an object"
	case 't', 'f', 'n':
		return string(raw)
	}
	return "a number"
}

// member is one member of a JSON object: its name, its value and where
// each starts.
type member struct {
	name       string
	nameOffset int64
	raw        json.RawMessage
	offset     int64
}

// members returns the members of raw, a well-formed JSON object that
// starts at byte offset of the file, in their order. It walks raw itself:
// the decoder's tokens cost far more, for objects of a million members.
func members(raw json.RawMessage, offset int64) []member {
	text := string(raw) // one copy: names are slices of it
	var ms []member
	for i := skipBlanks(raw, 1); i < len(raw) && raw[i] == '"'; {
		nameEnd := valueEnd(raw, i)
		name := text[i+1 : nameEnd-1]
		if strings.IndexByte(name, '\\') >= 0 {
			_ = json.Unmarshal(raw[i:nameEnd], &name)
		}
		at := skipBlanks(raw, skipBlanks(raw, nameEnd)+1) // after the colon
		end := valueEnd(raw, at)
		ms = append(ms, member{name: name, nameOffset: offset + int64(i), raw: raw[at:end], offset: offset + int64(at)})
		i = skipBlanks(raw, end)
		if i < len(raw) && raw[i] == ',' {
			i = skipBlanks(raw, i+1)
		}
	}
	return ms
}

// skipBlanks returns the offset of the first byte from i on that is not
// JSON white space.
func skipBlanks(raw []byte, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\r' || raw[i] == '\n') {
		i++
	}
	return i
}

// valueEnd returns where the well-formed JSON value that starts at i in raw
// ends.
func valueEnd(raw []byte, i int) int {
	depth := 0
	for ; i < len(raw); i++ {
		switch raw[i] {
		case '"':
			for i++; i < len(raw) && raw[i] != '"'; i++ {
				if raw[i] == '\\' {
					i++
				}
			}
			if depth == 0 {
				return i + 1
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return i + 1
			}
			if depth < 0 { // the end of a number or literal, at the end of its object
				return i
			}
		case ',', ' ', '\t', '\r', '\n':
			if depth == 0 {
				return i
			}
		}
	}
	return i
}

// webhook turns one webhook in the API's shape, raw, which starts at byte
// offset of the file, into a Webhook, checking what the API's description
// requires; false when it has mistakes (noted).
func (p *parser) webhook(raw json.RawMessage, offset int64, context string) (Webhook, bool) {
	if raw[0] != '{' {
		if string(raw) == "null" {
			p.problem(offset, context, "want an object, not null")
		} else {
			p.problem(offset, context, "want an object")
		}
		return Webhook{}, false
	}
	defer func() { // the webhook's mistakes, in the order of the file
		sortPending(p.pending)
		for _, m := range p.pending {
			p.problem(m.offset, "", "%s", m.text)
		}
		p.pending = p.pending[:0]
	}()
	f := newFields(p, context, raw, offset)
	// A member the API does not describe is served as it is, unless its
	// name is close to one it does: then it is a misspelling.
	var extra []int // indexes in f.members
	for i, m := range f.members {
		switch m.name {
		case "type", "subAccountId", "url", "enabled", "httpAuthorization", "oauth":
			continue
		}
		if right := closest(m.name, webhookMembers); right != "" {
			f.misspelling(m, right)
		} else if right := closest(m.name, oauthMembers); right != "" && !slices.Contains(webhookMembers, right) {
			f.problem(m.nameOffset, "unknown member %q: %q belongs in \"oauth\"", m.name, right)
		} else {
			extra = append(extra, i)
		}
	}
	h := Webhook{
		Type:              f.str("type", false),
		SubAccountID:      f.str("subAccountId", true),
		URL:               f.url("url", "https://hooks.example.com/inbound"),
		HTTPAuthorization: f.str("httpAuthorization", false),
	}
	if m, ok := f.get("enabled"); ok && string(m.raw) != "null" {
		var b bool
		if json.Unmarshal(m.raw, &b) != nil {
			f.problem(m.offset, `"enabled" must be true or false, not %s`, describe(m.raw, false))
		}
		h.Enabled = Bool(b)
	}
	if m, ok := f.get("oauth"); ok && string(m.raw) != "null" {
		h.OAuth = f.oauth(m)
	}
	if f.failed || p.failed() { // not kept: no need to decode
		return h, !f.failed
	}
	for _, i := range extra {
		m := f.members[i]
		var v any
		_ = json.Unmarshal(m.raw, &v) // the decoder has checked that it is JSON
		if h.Extra == nil {
			h.Extra = make(map[string]any, len(extra))
		}
		h.Extra[m.name] = v
	}
	return h, true
}

// The members of a webhook and of its oauth, as the API describes them.
var (
	webhookMembers = []string{"type", "subAccountId", "url", "enabled", "httpAuthorization", "oauth"}
	oauthMembers   = []string{"url", "clientId", "clientSecret", "credentialsLocation", "scope"}
)

// closest returns the member of known that name is or is likely a
// misspelling of: the same but for case, or one or two letters off (one
// for a short name), two letters swapped counting as one; "" when none is.
func closest(name string, known []string) string {
	best, bestDistance := "", 0
	for _, k := range known {
		if k == name || strings.EqualFold(k, name) {
			return k
		}
		most := max(1, len(k)/4)
		if n := len(name) - len(k); n > most || -n > most { // too far to be close
			continue
		}
		if d := spelling.Distance(name, k); d <= most && (best == "" || d < bestDistance) {
			best, bestDistance = k, d
		}
	}
	return best
}

// fields reads the members of one JSON object, noting each mistake with
// where it is.
type fields struct {
	p          *parser
	context    string
	offset     int64 // where the object starts
	members    []member
	byName     map[string]int // name → index in members
	failed     bool
	misspelled map[string]bool // members given under another name
}

// misspelling notes that m is a misspelling of the member right, which
// then is not also reported missing.
func (f *fields) misspelling(m member, right string) {
	f.problem(m.nameOffset, "unknown member %q: did you mean %q?", m.name, right)
	if f.misspelled == nil {
		f.misspelled = map[string]bool{}
	}
	f.misspelled[right] = true
}

func newFields(p *parser, context string, raw json.RawMessage, offset int64) *fields {
	f := &fields{p: p, context: context, offset: offset, members: members(raw, offset)}
	f.byName = make(map[string]int, len(f.members))
	for i, m := range f.members {
		if _, dup := f.byName[m.name]; dup {
			f.problem(m.nameOffset, "%q appears twice", m.name)
		}
		f.byName[m.name] = i
	}
	return f
}

// get returns the member name, the last one of that name.
func (f *fields) get(name string) (member, bool) {
	i, ok := f.byName[name]
	if !ok {
		return member{}, false
	}
	return f.members[i], true
}

func (f *fields) problem(offset int64, format string, args ...any) {
	f.failed = true
	p := f.p
	p.pending = append(p.pending, pending{offset, f.context + fmt.Sprintf(format, args...)})
	if len(p.pending) == 4*maxProblems { // only the first maxProblems can show
		sortPending(p.pending)
		p.pending = p.pending[:maxProblems+1] // and the one that stops the reading
	}
}

// sortPending puts mistakes in the order of the file.
func sortPending(ps []pending) {
	slices.SortStableFunc(ps, func(a, b pending) int { return cmp.Compare(a.offset, b.offset) })
}

// str returns the string member name; absent or null is "" unless required.
func (f *fields) str(name string, required bool) string {
	m, ok := f.get(name)
	if !ok || string(m.raw) == "null" {
		if required && (ok || !f.misspelled[name]) {
			f.problem(f.offset, "%q is required", name)
		}
		return ""
	}
	var s string
	if json.Unmarshal(m.raw, &s) != nil {
		f.problem(m.offset, "%q must be a string, not %s", name, describe(m.raw, secret(name)))
		return ""
	}
	if required && s == "" {
		f.problem(m.offset, "%q must not be empty", name)
	}
	return s
}

// url returns the required member name, a URL as the API takes it: in
// its description, "format": "uri", and 8x8 calls it, so an absolute
// http or https URL with a host. A mistake says what is wrong, without
// the value (a URL can hold a password).
func (f *fields) url(name, example string) string {
	s := f.str(name, true)
	if s == "" {
		return ""
	}
	if why := notAURL(s); why != "" {
		f.problem(f.members[f.byName[name]].offset, "%q must be an absolute http or https URL with a host, like %s: this one %s", name, example, why)
	}
	return s
}

// notAURL says why s is not an absolute http or https URI with a host
// (RFC 3986), or "" when it is one.
func notAURL(s string) string {
	for i, r := range []rune(s) {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-._~:/?#[]@!$&'()*+,;=%", r)) {
			continue
		}
		what := fmt.Sprintf("%q", r)
		switch {
		case r == ' ':
			what = "a space"
		case r < 0x20 || r == 0x7f:
			what = "a control character"
		}
		return fmt.Sprintf("has %s (the %s character), which a URI cannot hold: percent-encode it (a host, in punycode)", what, ordinal(i+1))
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return parseTrouble(err)
	case u.Scheme == "":
		return "is relative: it has no scheme (http:// or https://)"
	case u.Scheme != "http" && u.Scheme != "https" && !knownSchemes[u.Scheme]:
		// What stands before the first colon may be a user name
		// (user:password@host), not a scheme: not shown.
		return "does not start with http:// or https://"
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Sprintf("has the scheme %q", u.Scheme)
	case u.Opaque != "" || u.Hostname() == "":
		return "has no host"
	}
	if port := u.Port(); port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return "has a port out of range (1 to 65535)"
		}
	}
	return ""
}

// knownSchemes are the schemes a URL given for a webhook may have by
// mistake, which a message may name: what stands before the first colon
// of anything else may be a user name.
var knownSchemes = map[string]bool{
	"ftp": true, "ftps": true, "sftp": true, "file": true, "mailto": true, "ws": true, "wss": true, "tcp": true, "ssh": true, "git": true,
}

// parseTrouble says, in words of its own, what url.Parse found wrong: its
// own text quotes the port, the host in brackets or an escape, any of
// which may hold a password, so that none of it is shown.
func parseTrouble(err error) string {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	var escape url.EscapeError
	var badHost url.InvalidHostError
	switch text := err.Error(); {
	case errors.As(err, &escape):
		return "has a % that does not start a valid escape such as %2F"
	case errors.As(err, &badHost):
		return "has a character in its host that a host name cannot hold"
	case strings.HasPrefix(text, "invalid port "):
		return "has a port that is not a number"
	case strings.HasPrefix(text, "invalid host: "), text == "invalid IP-literal":
		return "has brackets in its host that do not hold an IPv6 address"
	case strings.HasPrefix(text, "missing ']'"):
		return "has a [ in its host without a ]"
	case strings.HasSuffix(text, "invalid userinfo"):
		return "has user info (before an @) with a character it cannot hold"
	case text == "missing protocol scheme", strings.HasPrefix(text, "first path segment"):
		return "is relative: it has no scheme (http:// or https://)"
	}
	return "does not parse as a URL"
}

// oauth reads an oauth object: url, clientId, clientSecret and
// credentialsLocation ("header" or "body") required, scope optional.
func (f *fields) oauth(m member) *OAuth {
	if m.raw[0] != '{' {
		f.problem(m.offset, `"oauth" must be an object, not %s`, describe(m.raw, true)) // it holds a secret
		return nil
	}
	o := newFields(f.p, f.context+"oauth: ", m.raw, m.offset)
	for _, m := range o.members {
		switch right := closest(m.name, oauthMembers); {
		case right == m.name:
		case right != "":
			o.misspelling(m, right)
		default:
			o.problem(m.nameOffset, "unknown member %q (oauth has %s)", m.name, strings.Join(oauthMembers, ", "))
		}
	}
	oauth := &OAuth{
		URL:                 o.url("url", "https://auth.example.com/oauth/token"),
		ClientID:            o.str("clientId", true),
		ClientSecret:        o.str("clientSecret", true),
		CredentialsLocation: o.str("credentialsLocation", true),
		Scope:               o.str("scope", false),
	}
	if loc, ok := o.get("credentialsLocation"); ok && oauth.CredentialsLocation != "" && oauth.CredentialsLocation != "header" && oauth.CredentialsLocation != "body" {
		o.problem(loc.offset, `"credentialsLocation" must be "header" or "body", not %s`, describe(loc.raw, false))
	}
	if o.failed {
		f.failed = true
	}
	return oauth
}

// nextToken skips the blanks, commas and colons from offset to the next
// token.
func nextToken(data []byte, offset int64) int64 {
	for offset >= 0 && offset < int64(len(data)) && strings.IndexByte(" \t\r\n,:", data[offset]) >= 0 {
		offset++
	}
	return offset
}
