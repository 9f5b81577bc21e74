package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
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
// Secrets (httpAuthorization, oauth.clientSecret) may be given in clear or
// as 8x8's mask "***"; they are served masked either way. Members the API
// does not describe are served as they are. The accounts come back in the
// file's order. An error names the file, the line and, where there is one,
// the account and the webhook.
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
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
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

// parseAccounts is LoadFile for JSON already in memory.
func parseAccounts(data []byte) ([]Account, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	// fail says on which line err happened: at a JSON syntax error, else
	// where the current token or value starts.
	var start int64
	fail := func(err error) error {
		offset := start
		var syntax *json.SyntaxError
		switch {
		case errors.As(err, &syntax):
			offset = syntax.Offset - 1
		case errors.Is(err, errTruncated):
			offset = int64(len(data))
		}
		return fmt.Errorf("line %d: %w", lineAt(data, offset), err)
	}
	// next reads the next token, noting where it starts.
	next := func() (json.Token, error) {
		start = nextToken(data, dec.InputOffset())
		tok, err := dec.Token()
		return tok, reword(err)
	}

	if tok, err := next(); err != nil || tok != json.Delim('{') {
		if err == nil {
			err = errors.New(`want a JSON object that maps account ids to lists of webhooks, like {"<account id>": [{"subAccountId": "*", "url": "https://…"}]}`)
		}
		return nil, fail(err)
	}
	var accounts []Account
	seen := map[string]string{} // normalized id → id as written
	for dec.More() {
		tok, err := next()
		if err != nil {
			return nil, fail(err)
		}
		id, _ := tok.(string) // an object key is always a string
		if len(id) < 32 || len(id) > 36 || !AccountIDPattern.MatchString(id) {
			return nil, fail(fmt.Errorf("%q is not an 8x8 account id (32 hexadecimal digits, dashes optional, like %s)", id, DefaultAccountID))
		}
		if first, dup := seen[normalizeAccountID(id)]; dup {
			return nil, fail(fmt.Errorf("account %s appears twice (first as %q)", id, first))
		}
		seen[normalizeAccountID(id)] = id
		if tok, err := next(); err != nil || tok != json.Delim('[') {
			if err == nil {
				err = errors.New("want a list of webhooks")
			}
			return nil, fail(fmt.Errorf("account %s: %w", id, err))
		}
		account := Account{ID: id, Webhooks: []Webhook{}}
		where := map[[2]string]int{} // (type, subAccountId) → webhook number
		for n := 1; dec.More(); n++ {
			start = nextToken(data, dec.InputOffset())
			var obj map[string]json.RawMessage
			err := reword(dec.Decode(&obj))
			if err == nil && obj == nil {
				err = errors.New("want an object, not null")
			}
			var h Webhook
			if err == nil {
				h, err = parseWebhook(obj)
			}
			if other, dup := where[[2]string{h.Type, h.SubAccountID}]; err == nil && dup {
				err = fmt.Errorf("webhook %d has the same type %q and subAccountId %q; 8x8 keeps one webhook per type and sub-account", other, h.Type, h.SubAccountID)
			}
			if err != nil {
				return nil, fail(fmt.Errorf("account %s: webhook %d: %w", id, n, err))
			}
			where[[2]string{h.Type, h.SubAccountID}] = n
			account.Webhooks = append(account.Webhooks, h)
		}
		if _, err := next(); err != nil { // ]
			return nil, fail(err)
		}
		accounts = append(accounts, account)
	}
	if _, err := next(); err != nil { // }
		return nil, fail(err)
	}
	start = nextToken(data, dec.InputOffset())
	if _, err := dec.Token(); err != io.EOF {
		return nil, fail(errors.New("more JSON after the object"))
	}
	return accounts, nil
}

var errTruncated = errors.New("invalid JSON: the file ends too early")

// reword makes the decoder's errors read well to a person editing the file,
// keeping the *json.SyntaxError (for its offset). Running out of input is
// always an error: the closing brace is missing.
func reword(err error) error {
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &syntax):
		return fmt.Errorf("invalid JSON: %w", err)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errTruncated
	case errors.As(err, &typeErr):
		return errors.New("want an object")
	}
	return err
}

// parseWebhook turns one webhook object in the API's shape into a Webhook,
// checking what the API's description requires.
func parseWebhook(obj map[string]json.RawMessage) (Webhook, error) {
	f := fields{obj: obj}
	h := Webhook{
		Type:              f.str("type", false),
		SubAccountID:      f.str("subAccountId", true),
		URL:               f.str("url", true),
		HTTPAuthorization: f.str("httpAuthorization", false),
	}
	if raw, ok := obj["enabled"]; ok && string(raw) != "null" {
		var b bool
		if json.Unmarshal(raw, &b) != nil {
			f.fail(`"enabled" must be true or false, not %s`, raw)
		}
		h.Enabled = Bool(b)
	}
	if raw, ok := obj["oauth"]; ok && string(raw) != "null" {
		h.OAuth = f.oauth(raw)
	}
	for k, raw := range obj {
		switch k {
		case "type", "subAccountId", "url", "enabled", "httpAuthorization", "oauth":
			continue
		}
		var v any
		_ = json.Unmarshal(raw, &v) // the decoder has checked that it is JSON
		if h.Extra == nil {
			h.Extra = map[string]any{}
		}
		h.Extra[k] = v
	}
	return h, f.err
}

// fields reads the members of one JSON object, keeping the first error.
type fields struct {
	obj map[string]json.RawMessage
	err error
}

func (f *fields) fail(format string, args ...any) {
	if f.err == nil {
		f.err = fmt.Errorf(format, args...)
	}
}

// str returns the string member name; absent or null is "" unless required.
func (f *fields) str(name string, required bool) string {
	raw, ok := f.obj[name]
	if !ok || string(raw) == "null" {
		if required {
			f.fail("%q is required", name)
		}
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		f.fail("%q must be a string, not %s", name, raw)
		return ""
	}
	if required && s == "" {
		f.fail("%q must not be empty", name)
	}
	return s
}

// oauth reads an oauth object: url, clientId, clientSecret and
// credentialsLocation ("header" or "body") required, scope optional.
func (f *fields) oauth(raw json.RawMessage) *OAuth {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil || obj == nil {
		f.fail(`"oauth" must be an object, not %s`, raw)
		return nil
	}
	o := fields{obj: obj}
	oauth := &OAuth{
		URL:                 o.str("url", true),
		ClientID:            o.str("clientId", true),
		ClientSecret:        o.str("clientSecret", true),
		CredentialsLocation: o.str("credentialsLocation", true),
		Scope:               o.str("scope", false),
	}
	if loc := oauth.CredentialsLocation; o.err == nil && loc != "header" && loc != "body" {
		o.fail(`"credentialsLocation" must be "header" or "body", not %q`, loc)
	}
	for k := range obj {
		switch k {
		case "url", "clientId", "clientSecret", "credentialsLocation", "scope":
		default:
			o.fail("unknown field %q", k)
		}
	}
	if o.err != nil {
		f.fail("oauth: %w", o.err)
	}
	return oauth
}

// nextToken skips the blanks and commas from offset to the next token.
func nextToken(data []byte, offset int64) int64 {
	for offset >= 0 && offset < int64(len(data)) && strings.IndexByte(" \t\r\n,", data[offset]) >= 0 {
		offset++
	}
	return offset
}

// lineAt is the 1-based line of byte offset in data.
func lineAt(data []byte, offset int64) int {
	offset = min(max(offset, 0), int64(len(data)))
	return 1 + bytes.Count(data[:offset], []byte("\n"))
}
