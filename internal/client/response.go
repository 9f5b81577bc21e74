package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
)

// readResponse turns the final response of a call into webhooks or a typed
// error. It reads at most MaxResponseBytes of the body.
func (c *Client) readResponse(ctx context.Context, op string, resp *http.Response, attempts int) ([]Webhook, error) {
	contentType := resp.Header.Get("Content-Type")

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		body, readErr := io.ReadAll(io.LimitReader(resp.Body, maxErrorBodyBytes))
		if readErr != nil && len(body) == 0 {
			return nil, c.transportError(op, readErr, attempts)
		}
		c.log.Trace(ctx, "8x8 API error body", map[string]any{"body": c.redact(string(body))})
		apiErr := ParseAPIError(op, resp.StatusCode, resp.Status, contentType, body, c.redact)
		apiErr.Attempts = attempts
		if resp.Request != nil {
			apiErr.URL = resp.Request.URL.Redacted()
		}
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			apiErr.RetryAfter = d
		}
		return nil, apiErr
	}

	if problem := checkJSONContentType(contentType); problem != "" {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, recordBytes))
		return nil, &ResponseError{Operation: op, Status: resp.Status, ContentType: contentType,
			Problem: problem, Excerpt: Excerpt(body, c.redact)}
	}
	rec := &recorder{r: resp.Body}
	hooks, err := DecodeWebhooks(rec, MaxResponseBytes)
	if err != nil {
		if isTimeout(err) || errors.Is(err, context.Canceled) {
			return nil, c.transportError(op, err, attempts)
		}
		return nil, &ResponseError{Operation: op, Status: resp.Status, ContentType: contentType,
			Problem: c.redact(err.Error()), Excerpt: Excerpt(rec.head, c.redact)}
	}
	c.log.Trace(ctx, "8x8 API response body", map[string]any{"webhooks": len(hooks), "body_start": Excerpt(rec.head, c.redact)})
	return hooks, nil
}

// recordBytes is how much of a body the recorder keeps: enough for an
// excerpt of excerptRunes runes of any width.
const recordBytes = excerptRunes*4 + 1

// recorder keeps the first bytes read through it, for error excerpts and
// trace logs, without holding the whole body.
type recorder struct {
	r    io.Reader
	head []byte
}

func (r *recorder) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if room := recordBytes - len(r.head); room > 0 && n > 0 {
		r.head = append(r.head, p[:min(n, room)]...)
	}
	return n, err
}

// checkJSONContentType returns why a success response's Content-Type is not
// JSON, or "" when it is JSON or absent (then the body decides).
func checkJSONContentType(contentType string) string {
	if contentType == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return fmt.Sprintf("unreadable Content-Type %q", contentType)
	}
	if mt == "application/json" || strings.HasSuffix(mt, "+json") {
		return ""
	}
	return fmt.Sprintf("expected Content-Type application/json, got %q", mt)
}

// maxErrorBodyBytes bounds how much of an error response is read: 8x8 error
// bodies are a few hundred bytes.
const maxErrorBodyBytes = 64 << 10

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
