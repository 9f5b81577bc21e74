package client

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// MaxResponseBytes bounds how much of a response body the client reads. The
// largest real webhook list is a few kilobytes; anything near this size is a
// broken or hostile server, and reading stops here so memory stays bounded.
const MaxResponseBytes int64 = 32 << 20

// cappedReader reads at most n bytes and fails with a *tooLargeError, from
// then on, when there is more.
type cappedReader struct {
	r     io.Reader
	n     int64
	limit int64
	over  bool
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.over {
		return 0, &tooLargeError{c.limit}
	}
	if c.n <= 0 {
		// Probe one byte: a body of exactly the cap is fine.
		var one [1]byte
		k, err := c.r.Read(one[:])
		if k > 0 {
			c.over = true
			return 0, &tooLargeError{c.limit}
		}
		return 0, err // io.EOF: the body was exactly the cap
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	k, err := c.r.Read(p)
	c.n -= int64(k)
	return k, err
}

// MaxWebhooks bounds how many webhooks one response may list: far more than
// any account has, and few enough that a small (compressed) body cannot
// become gigabytes of webhooks.
const MaxWebhooks = 100_000

// DecodeWebhooks stream-decodes the body of a successful list response: a
// JSON array of webhooks. A JSON null is taken as an empty list (the way many
// servers serialize an empty collection); an object, a scalar, trailing data,
// truncated or malformed JSON, an element that is null or lacks a
// subAccountId or url, more than MaxWebhooks elements and a body larger than
// limit are errors. It holds one element's bytes at a time, and its time is
// linear in the body, white space included.
func DecodeWebhooks(r io.Reader, limit int64) ([]Webhook, error) {
	return decodeWebhooks(context.Background(), r, limit)
}

// decodeWebhooks is DecodeWebhooks that stops when ctx ends.
//
// It splits the array into elements itself and unmarshals each: the
// streaming json.Decoder rescans the white space before a token on every
// refill of its buffer, which makes megabytes of white space quadratic.
func decodeWebhooks(ctx context.Context, r io.Reader, limit int64) ([]Webhook, error) {
	s := &jsonScanner{r: bufio.NewReaderSize(&cappedReader{r: r, n: limit, limit: limit}, 32<<10), ctx: ctx}
	c, err := s.next()
	if err != nil {
		return nil, s.fail(err, "empty or truncated JSON body")
	}
	switch {
	case c == 'n':
		if err := s.value(c); err != nil {
			return nil, s.fail(err, "truncated JSON body")
		}
		var null any
		if err := s.unmarshal(&null, ""); err != nil {
			return nil, err
		}
		return []Webhook{}, s.end()
	case c != '[':
		return nil, s.notArray(c)
	}
	hooks := []Webhook{}
	if c, err = s.next(); err != nil {
		return nil, s.fail(err, "truncated JSON body")
	}
	for i := 1; c != ']'; i++ {
		if i > MaxWebhooks {
			return nil, fmt.Errorf("the response lists more than %d webhooks, the most one read accepts", MaxWebhooks)
		}
		name := func() string { return fmt.Sprintf("webhook #%d", i) }
		if err := s.value(c); err != nil {
			return nil, s.fail(err, name()+": truncated JSON body")
		}
		var w *wireWebhook
		if err := s.unmarshal(&w, name()+": "); err != nil {
			return nil, err
		}
		if w == nil {
			return nil, fmt.Errorf("%s is null, expected a JSON object", name())
		}
		if err := w.check(); err != nil {
			return nil, fmt.Errorf("%s%s: %w", name(), w.label(), err)
		}
		hooks = append(hooks, w.webhook())
		if c, err = s.next(); err != nil {
			return nil, s.fail(err, "truncated JSON body")
		}
		switch c {
		case ',':
			if c, err = s.next(); err != nil {
				return nil, s.fail(err, "truncated JSON body")
			}
			if c == ']' {
				return nil, s.malformed("invalid character ']' after a comma, expected a webhook")
			}
		case ']':
		default:
			return nil, s.malformed(fmt.Sprintf("invalid character %s after %s, expected ',' or ']'", quoteChar(c), name()))
		}
	}
	return hooks, s.end()
}

// jsonScanner reads a JSON body a buffer at a time, skips white space in
// linear time, and collects one value's bytes at a time. It checks its
// context before every buffer it scans.
type jsonScanner struct {
	r   *bufio.Reader
	ctx context.Context
	off int64  // bytes consumed so far
	buf []byte // the last value read
}

// chunk returns the bytes buffered, reading more when there are none.
func (s *jsonScanner) chunk() ([]byte, error) {
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	b, err := s.r.Peek(max(s.r.Buffered(), 1))
	if len(b) == 0 {
		return nil, err
	}
	return b, nil
}

// consume drops n bytes of the chunk, appending them to s.buf if keep.
func (s *jsonScanner) consume(b []byte, n int, keep bool) {
	if keep {
		s.buf = append(s.buf, b[:n]...)
	}
	_, _ = s.r.Discard(n)
	s.off += int64(n)
}

// next consumes white space and returns the byte after it, consumed too.
func (s *jsonScanner) next() (byte, error) {
	for {
		b, err := s.chunk()
		if err != nil {
			return 0, err
		}
		i := 0
		for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
			i++
		}
		if i < len(b) {
			c := b[i]
			s.consume(b, i+1, false)
			return c, nil
		}
		s.consume(b, i, false)
	}
}

// value reads the JSON value that starts with c (already consumed) into
// s.buf: an object or array to its matching end, a string to its closing
// quote, or a literal or number to the next delimiter. It checks no more
// than it must to find the end; json.Unmarshal checks the rest.
func (s *jsonScanner) value(c byte) error {
	s.buf = append(s.buf[:0], c)
	depth, str, esc := 0, false, false
	switch c {
	case '{', '[':
		depth = 1
	case '"':
		str = true
	default: // a literal or a number, up to a delimiter or the end
		for {
			b, err := s.chunk()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			if j := bytes.IndexAny(b, " \t\n\r,]}"); j >= 0 {
				s.consume(b, j, true)
				return nil
			}
			s.consume(b, len(b), true)
		}
	}
	for depth > 0 || str {
		b, err := s.chunk()
		if err != nil {
			return err
		}
		i := 0
		for i < len(b) && (depth > 0 || str) {
			var j int
			switch {
			case esc: // the byte after a backslash
				esc = false
				i++
				continue
			case str:
				j = bytes.IndexAny(b[i:], `"\`)
			default:
				j = bytes.IndexAny(b[i:], `{}[]"`)
			}
			if j < 0 {
				i = len(b)
				break
			}
			i += j
			switch b[i] {
			case '\\':
				esc = true
			case '"':
				str = !str
			case '{', '[':
				depth++
			case '}', ']':
				depth--
			}
			i++
		}
		s.consume(b, i, true)
	}
	return nil
}

// unmarshal decodes the value in s.buf into v; a syntax error's offset is
// made one in the whole body.
func (s *jsonScanner) unmarshal(v any, prefix string) error {
	err := json.Unmarshal(s.buf, v)
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		if syn.Offset >= int64(len(s.buf)) { // the value ended too soon: the body did
			return errors.New(prefix + "truncated JSON body")
		}
		at := s.off - int64(len(s.buf)) + syn.Offset
		return fmt.Errorf("%smalformed JSON at byte %d: %s", prefix, at, syn.Error())
	}
	return describeJSONError(err, prefix)
}

// end fails when anything but white space follows the JSON value.
func (s *jsonScanner) end() error {
	if _, err := s.next(); !errors.Is(err, io.EOF) {
		if err != nil {
			return s.fail(err, "")
		}
		return s.malformed("unexpected data after the JSON value")
	}
	return nil
}

// fail describes a read error: the body's end (what), a body over the
// limit, or a transport error, returned as it is.
func (s *jsonScanner) fail(err error, what string) error {
	if errors.Is(err, io.EOF) {
		return &truncatedError{what}
	}
	return err
}

// truncatedError is a body that ended before its JSON did.
type truncatedError struct{ what string }

func (e *truncatedError) Error() string { return e.what }

// malformed is a syntax error at the byte just read.
func (s *jsonScanner) malformed(what string) error {
	return fmt.Errorf("malformed JSON at byte %d: %s", s.off, what)
}

// notArray describes a body whose first value, starting with c, is not an
// array.
func (s *jsonScanner) notArray(c byte) error {
	what := map[byte]string{'{': "a JSON object", '"': "a JSON string", 't': "a JSON boolean", 'f': "a JSON boolean"}[c]
	if c == '-' || (c >= '0' && c <= '9') {
		what = "a JSON number"
	}
	if what == "" {
		return s.malformed(fmt.Sprintf("invalid character %s looking for beginning of value", quoteChar(c)))
	}
	return fmt.Errorf("expected a JSON array of webhooks, got %s", what)
}

// quoteChar quotes a byte for an error message, as encoding/json does.
func quoteChar(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

func describeJSONError(err error, prefix string) error {
	var typ *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &typ):
		if typ.Field != "" {
			return fmt.Errorf("%sfield %q holds a JSON %s, expected %s", prefix, typ.Field, typ.Value, typ.Type)
		}
		return fmt.Errorf("%sexpected a JSON object, got a JSON %s", prefix, typ.Value)
	}
	return fmt.Errorf("%s%w", prefix, err)
}
