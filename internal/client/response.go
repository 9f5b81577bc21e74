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

// readResponse turns the final response of a call into webhooks, an
// *APIError or a *ResponseError, or returns the error that broke reading its
// body (a *bodyError, or the context's). It reads at most MaxResponseBytes
// of the body. Every text taken from the response goes through c.text.
func (c *Client) readResponse(ctx context.Context, op string, resp *http.Response, attempts int) ([]Webhook, error) {
	status := c.text(resp.Status, maxTextRunes)
	rawType := resp.Header.Get("Content-Type")
	contentType := c.text(rawType, maxTextRunes)

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// The status is the answer: a body cut short only shortens it.
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBodyBytes))
		c.log.Trace(ctx, "8x8 API error body", map[string]any{"body": c.excerpt(body)})
		apiErr := c.parseAPIError(op, resp.StatusCode, status, contentType, body)
		apiErr.Attempts = attempts
		apiErr.Requested = strings.TrimPrefix(op, http.MethodGet+" ")
		apiErr.URL = apiErr.Requested
		if resp.Request != nil && resp.Request.URL.Redacted() != apiErr.Requested {
			// A redirect's target is the server's text.
			apiErr.Redirected, apiErr.URL = true, c.text(resp.Request.URL.Redacted(), maxMessageRunes)
		}
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			apiErr.RetryAfter = d
		}
		return nil, apiErr
	}

	if problem := c.checkJSONContentType(rawType); problem != "" {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, recordBytes))
		return nil, c.withProxy(resp, &ResponseError{Operation: op, Status: status, ContentType: contentType,
			Problem: problem, Excerpt: c.excerpt(body)})
	}
	rec := &recorder{r: resp.Body}
	hooks, err := decodeWebhooks(ctx, rec, MaxResponseBytes)
	if err != nil {
		var broken *bodyError
		var truncated *truncatedError
		if errors.As(err, &truncated) && closeDelimited(resp) {
			// HTTP/1 without a length: the connection closing early looks
			// like the body's end. A broken connection, as far as can be told.
			err = &bodyError{err}
		}
		if errors.As(err, &broken) || errors.Is(err, context.Canceled) {
			return nil, err // a transport failure: the caller may try again
		}
		return nil, c.withProxy(resp, &ResponseError{Operation: op, Status: status, ContentType: contentType,
			Problem: c.text(err.Error(), maxMessageRunes), Excerpt: c.excerpt(rec.head)})
	}
	c.log.Trace(ctx, "8x8 API response body", map[string]any{"webhooks": len(hooks), "body_start": c.excerpt(rec.head)})
	return hooks, nil
}

// withProxy names in e the proxy resp came through, if any: it may have
// answered in 8x8's place.
func (c *Client) withProxy(resp *http.Response, e *ResponseError) *ResponseError {
	if resp.Request != nil {
		if p := c.proxyOf(resp.Request.URL); p != nil {
			e.Proxy, e.ProxyVar = p.Scheme+"://"+p.Host, c.proxyVar
		}
	}
	return e
}

// closeDelimited reports whether resp's body ends where its connection
// closes: HTTP/1 with neither a Content-Length nor chunked encoding.
func closeDelimited(resp *http.Response) bool {
	return resp.ProtoMajor == 1 && resp.ContentLength < 0 && len(resp.TransferEncoding) == 0
}

// recordBytes is how much of a body the recorder keeps: enough for an
// excerpt of excerptRunes runes of any width.
const recordBytes = excerptRunes*4 + 1

// recorder keeps the first bytes read through it, for error excerpts and
// trace logs, without holding the whole body, and marks a read that failed
// (a reset, a body cut short, a timeout) as a *bodyError.
type recorder struct {
	r    io.Reader
	head []byte
}

func (r *recorder) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		err = &bodyError{err}
	}
	if room := recordBytes - len(r.head); room > 0 && n > 0 {
		r.head = append(r.head, p[:min(n, room)]...)
	}
	return n, err
}

// checkJSONContentType returns why a success response's Content-Type is not
// JSON, or "" when it is JSON or absent (then the body decides).
func (c *Client) checkJSONContentType(contentType string) string {
	if contentType == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return fmt.Sprintf("unreadable Content-Type %q", c.text(contentType, maxTextRunes))
	}
	if mt == "application/json" || strings.HasSuffix(mt, "+json") {
		return ""
	}
	return fmt.Sprintf("expected Content-Type application/json, got %q", c.text(mt, maxTextRunes))
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

// parseAPIError builds an APIError from a non-2xx response; status and
// contentType are already safe. Every text taken from the body goes
// through c.text.
func (c *Client) parseAPIError(operation string, statusCode int, status, contentType string, body []byte) *APIError {
	e := &APIError{
		Operation:   operation,
		StatusCode:  statusCode,
		Status:      status,
		ContentType: contentType,
		Attempts:    1,
	}
	var eb errorBody
	if json.Unmarshal(body, &eb) == nil && (eb.Code != nil || eb.ErrorID != "") {
		if eb.Code != nil {
			if n, err := eb.Code.Int64(); err == nil && n == int64(int32(n)) {
				e.Code = int(n)
			}
		}
		e.Message = c.text(eb.Message, maxMessageRunes)
		e.ErrorID = c.text(eb.ErrorID, maxTextRunes)
		e.Timestamp = c.text(eb.Timestamp, maxTextRunes)
		if e.Is8x8() {
			return e
		}
	}
	e.Excerpt = c.excerpt(body)
	return e
}
