package client

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// maxErrorBodyBytes bounds how much of an error response is read: 8x8 error
// bodies are a few hundred bytes.
const maxErrorBodyBytes = 64 << 10

// excerptRunes is how much of a non-8x8 body an error quotes.
const excerptRunes = 200

// APIError is a response with a non-2xx status. When the body is 8x8's error
// shape, Code, Message, ErrorID and Timestamp are set; otherwise Excerpt holds
// the start of the body. No field ever holds the API key.
type APIError struct {
	Operation   string // e.g. "GET /api/v1/accounts/…/webhooks"
	StatusCode  int
	Status      string // e.g. "401 Unauthorized"
	Code        int    // 8x8 error code; 0 when the body was not an 8x8 error
	Message     string
	ErrorID     string // what 8x8 support asks for
	Timestamp   string
	ContentType string
	Excerpt     string // start of a body that was not an 8x8 error
	Attempts    int    // how many requests were sent in all
	RetryAfter  time.Duration
}

// Is8x8 reports whether the body was an 8x8 error object.
func (e *APIError) Is8x8() bool { return e.Code != 0 || e.ErrorID != "" }

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: HTTP %s", e.Operation, e.Status)
	if e.Is8x8() {
		fmt.Fprintf(&b, ": 8x8 error code %d", e.Code)
		if e.Message != "" {
			fmt.Fprintf(&b, ": %s", e.Message)
		}
		if e.ErrorID != "" {
			fmt.Fprintf(&b, " (errorId %s)", e.ErrorID)
		}
	} else if e.Excerpt != "" {
		fmt.Fprintf(&b, ": response body (%s): %q", orNone(e.ContentType), e.Excerpt)
	} else {
		b.WriteString(": empty response body")
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	return b.String()
}

// ResponseError is a 2xx response whose body is not a webhook list.
type ResponseError struct {
	Operation   string
	Status      string
	ContentType string
	Problem     string
	Excerpt     string
}

func (e *ResponseError) Error() string {
	msg := fmt.Sprintf("%s: HTTP %s with an unusable body: %s", e.Operation, e.Status, e.Problem)
	if e.Excerpt != "" {
		msg += fmt.Sprintf("; body starts (%s): %q", orNone(e.ContentType), e.Excerpt)
	}
	return msg
}

// errorBody is 8x8's documented error shape.
type errorBody struct {
	Code      *json.Number `json:"code"`
	Message   string       `json:"message"`
	ErrorID   string       `json:"errorId"`
	Timestamp string       `json:"timestamp"`
}

// ParseAPIError builds an APIError from a non-2xx response body. redact is
// applied to every text taken from the body, after control characters are
// dropped and before it is cut short, so no part of a secret survives.
func ParseAPIError(operation string, statusCode int, status, contentType string, body []byte, redact func(string) string) *APIError {
	e := &APIError{
		Operation:   operation,
		StatusCode:  statusCode,
		Status:      status,
		ContentType: contentType,
		Attempts:    1,
	}
	text := func(s string, limit int) string { return truncate(redact(clean(s)), limit) }
	var eb errorBody
	if json.Unmarshal(body, &eb) == nil && (eb.Code != nil || eb.ErrorID != "") {
		if eb.Code != nil {
			if n, err := eb.Code.Int64(); err == nil && n == int64(int32(n)) {
				e.Code = int(n)
			}
		}
		e.Message = text(eb.Message, 500)
		e.ErrorID = text(eb.ErrorID, 100)
		e.Timestamp = text(eb.Timestamp, 100)
		if e.Is8x8() {
			return e
		}
	}
	e.Excerpt = Excerpt(body, redact)
	return e
}

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

func orNone(contentType string) string {
	if contentType == "" {
		return "no Content-Type"
	}
	return contentType
}
