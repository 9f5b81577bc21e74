package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

// DecodeWebhooks stream-decodes the body of a successful list response: a JSON
// array of webhooks. A JSON null is taken as an empty list (the way many
// servers serialize an empty collection); an object, a scalar, trailing data,
// truncated or malformed JSON, and a body larger than limit are errors. The
// decoder never holds more than limit bytes of input.
func DecodeWebhooks(r io.Reader, limit int64) ([]Webhook, error) {
	dec := json.NewDecoder(&cappedReader{r: r, n: limit, limit: limit})
	tok, err := dec.Token()
	if err != nil {
		return nil, describeJSONError(err, "")
	}
	switch tok {
	case nil:
		if err := expectEnd(dec); err != nil {
			return nil, err
		}
		return []Webhook{}, nil
	case json.Delim('['):
	default:
		return nil, fmt.Errorf("expected a JSON array of webhooks, got %s", describeToken(tok))
	}
	hooks := []Webhook{}
	for i := 0; dec.More(); i++ {
		var w wireWebhook
		if err := dec.Decode(&w); err != nil {
			return nil, describeJSONError(err, fmt.Sprintf("webhook #%d: ", i+1))
		}
		if err := w.check(); err != nil {
			return nil, fmt.Errorf("webhook #%d%s: %w", i+1, w.label(), err)
		}
		hooks = append(hooks, w.webhook())
	}
	if _, err := dec.Token(); err != nil { // the closing ']'
		return nil, describeJSONError(err, "")
	}
	if err := expectEnd(dec); err != nil {
		return nil, err
	}
	return hooks, nil
}

// expectEnd fails when anything but white space follows the JSON value.
func expectEnd(dec *json.Decoder) error {
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if err != nil {
			return describeJSONError(err, "after the array: ")
		}
		return errors.New("unexpected data after the JSON array")
	}
	return nil
}

func describeToken(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return "a JSON object"
		}
		return fmt.Sprintf("%q", v.String())
	case string:
		return "a JSON string"
	case bool:
		return "a JSON boolean"
	case float64, json.Number:
		return "a JSON number"
	default:
		return fmt.Sprintf("%T", tok)
	}
}

func describeJSONError(err error, prefix string) error {
	var tooLarge *tooLargeError
	switch {
	case errors.As(err, &tooLarge):
		return err
	case errors.Is(err, io.EOF):
		return errors.New(prefix + "empty or truncated JSON body")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New(prefix + "truncated JSON body")
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Errorf("%smalformed JSON at byte %d: %s", prefix, syn.Offset, syn.Error())
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		if typ.Field != "" {
			return fmt.Errorf("%sfield %q holds a JSON %s, expected %s", prefix, typ.Field, typ.Value, typ.Type)
		}
		return fmt.Errorf("%sexpected a JSON object, got a JSON %s", prefix, typ.Value)
	}
	return fmt.Errorf("%s%w", prefix, err)
}
