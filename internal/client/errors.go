package client

import (
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"time"
)

// The client's errors, all in one place. ListWebhooks fails with an
// *APIError (a non-2xx answer), a *ResponseError (a 2xx answer whose body is
// not a webhook list) or a *TransportError (no usable answer), and New with
// an error wrapping ErrCABundle or a plain error. No error text ever holds
// the API key.

// APIError is a response with a non-2xx status. When the body is 8x8's error
// shape, Code, Message, ErrorID and Timestamp are set; otherwise Excerpt holds
// the start of the body. No field ever holds the API key.
type APIError struct {
	Operation   string // e.g. "GET https://chatapps.8x8.com/api/v1/accounts/…/webhooks"
	Requested   string // the URL the client asked for, from the configuration (redacted)
	URL         string // the URL that answered, after any same-host redirect (server-controlled: sanitized)
	Redirected  bool   // the URL that answered is not the one asked for
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
	Proxy       string // the proxy the request went through (scheme://host), if any: it may have answered
	ProxyVar    string // the environment variable Proxy comes from; "" when set otherwise
}

func (e *ResponseError) Error() string {
	msg := fmt.Sprintf("%s: HTTP %s with an unusable body: %s", e.Operation, e.Status, e.Problem)
	if e.Excerpt != "" {
		msg += fmt.Sprintf("; body starts (%s): %q", orNone(e.ContentType), e.Excerpt)
	}
	return msg
}

func orNone(contentType string) string {
	if contentType == "" {
		return "no Content-Type"
	}
	return contentType
}

// TransportError is a request that got no usable HTTP response: connection
// refused or reset, DNS failure, TLS failure, timeout, cancellation, or an
// answer that is not HTTP. Kind says which, and whether another attempt
// could help.
type TransportError struct {
	Operation string
	Attempts  int
	Kind      Failure
	Timeout   time.Duration // the per-attempt bound, set when the last attempt timed out
	Proxy     string        // the proxy the request went through (scheme://host), if any
	ProxyVar  string        // the environment variable Proxy comes from (HTTPS_PROXY, https_proxy); "" when set otherwise
	// Address is, for FailureNotListening, the host and port that refused
	// (the proxy's when Proxy is set), as configured, followed by the
	// address dialed when that differs: "localhost:18088 (127.0.0.1:18088)".
	Address string
	Err     error
}

// Failure classifies a TransportError.
type Failure int

const (
	// FailureNetwork is a refused, reset or dropped connection, a DNS
	// failure, or a connection broken in the middle of the answer: retried.
	FailureNetwork Failure = iota
	// FailureTimeout is an attempt that took longer than its bound: retried.
	FailureTimeout
	// FailureCanceled is a canceled request (Ctrl-C): never retried.
	FailureCanceled
	// FailureRedirect is a redirect refused by policy.
	FailureRedirect
	// FailureNotLoopback is a plain-http connection to an address that is
	// not this machine's, refused by policy.
	FailureNotLoopback
	// FailureTLS is a server certificate that cannot be verified.
	FailureTLS
	// FailureNotTLS is a server that does not speak TLS on an https URL.
	FailureNotTLS
	// FailureProxy is a proxy refusing to open the tunnel (a *ProxyError);
	// retried only when the proxy said 5xx.
	FailureProxy
	// FailureProtocol is an answer that is not valid HTTP: malformed (a
	// chunked body's framing too), or with headers over the limit.
	FailureProtocol
	// FailureBody is a connection that broke in the middle of the body (a
	// reset, a body cut short): retried.
	FailureBody
	// FailureNotListening is a connection refused by this machine (a
	// loopback address): nothing listens on the port. Not retried: that
	// does not change while the retries wait.
	FailureNotListening
)

// String says what the failure is, as TransportError.Error puts it.
func (f Failure) String() string {
	return [...]string{
		FailureNetwork:      "request failed",
		FailureTimeout:      "timed out",
		FailureCanceled:     "request canceled",
		FailureRedirect:     "redirect refused",
		FailureNotLoopback:  "connection refused",
		FailureTLS:          "TLS verification failed",
		FailureNotTLS:       "the server does not speak TLS on this port",
		FailureProxy:        "the proxy refused the tunnel",
		FailureProtocol:     "the answer is not valid HTTP",
		FailureBody:         "the connection broke in the middle of the answer",
		FailureNotListening: "nothing is listening",
	}[f]
}

func (e *TransportError) Error() string {
	what := e.Kind.String()
	switch e.Kind {
	case FailureTimeout:
		what = fmt.Sprintf("timed out after %s", e.Timeout)
	case FailureNotListening:
		what = "nothing is listening on " + e.Address
		if e.Proxy != "" {
			what += ", the proxy"
		}
	}
	msg := fmt.Sprintf("%s: %s: %v", e.Operation, what, e.Err)
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (after %d attempts)", e.Attempts)
	}
	return msg
}

func (e *TransportError) Unwrap() error { return e.Err }

func (c *Client) transportError(op string, err error, attempts int) *TransportError {
	te := &TransportError{Operation: op, Attempts: attempts, Kind: classify(err), Err: redactedError{c.text(err.Error(), maxMessageRunes), err}}
	if te.Kind == FailureTimeout {
		te.Timeout = c.cfg.RequestTimeout
	}
	if u, perr := url.Parse(strings.TrimPrefix(op, http.MethodGet+" ")); perr == nil {
		if p := c.proxyOf(u); p != nil {
			te.Proxy, te.ProxyVar = p.Scheme+"://"+p.Host, c.proxyVar
			u = p
		}
		if te.Kind == FailureNotListening {
			te.Address = hostPort(u)
			if dialed := refusedOnLoopback(err); dialed != te.Address {
				te.Address += " (" + dialed + ")"
			}
		}
	}
	return te
}

// proxyOf is the proxy a request to u goes through, nil when none.
func (c *Client) proxyOf(u *url.URL) *url.URL {
	if c.proxy == nil {
		return nil
	}
	p, err := c.proxy(u)
	if err != nil {
		return nil
	}
	return p
}

// hostPort is u's host and port, the scheme's default port when u has none.
func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443", "socks5": "1080", "socks5h": "1080"}[u.Scheme]
	}
	return net.JoinHostPort(u.Hostname(), port)
}

// redactedError keeps the chain of an error while replacing its text.
type redactedError struct {
	msg string
	err error
}

func (r redactedError) Error() string { return r.msg }
func (r redactedError) Unwrap() error { return r.err }

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// RedirectError is a redirect the client refused to follow.
type RedirectError struct {
	From, To string
	Reason   string
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("refused to follow the redirect from %s to %s: %s", e.From, e.To, e.Reason)
}

// bodyError is a body that could not be read to its end: cut short, or
// with a chunked framing that is malformed.
type bodyError struct{ err error }

func (e *bodyError) Error() string {
	switch {
	case e.framing():
		return "the body's chunked framing is broken: " + e.err.Error()
	case e.corruptGzip():
		return "the body's gzip encoding is corrupt: " + e.err.Error()
	}
	return "reading the body: " + e.err.Error()
}

// corruptGzip reports whether the body came whole in a gzip encoding that
// is wrong (its header, its data or its checksum), which another attempt
// would bring again. A gzip stream cut short (io.ErrUnexpectedEOF) is a
// body cut short.
func (e *bodyError) corruptGzip() bool {
	var corrupt flate.CorruptInputError
	return errors.Is(e.err, gzip.ErrHeader) || errors.Is(e.err, gzip.ErrChecksum) || errors.As(e.err, &corrupt)
}

// framing reports whether the body's chunked framing is malformed.
func (e *bodyError) framing() bool {
	var proto textproto.ProtocolError // a malformed trailer
	if errors.As(e.err, &proto) {
		return true
	}
	for _, text := range chunkFramingTexts {
		if strings.Contains(e.err.Error(), text) {
			return true
		}
	}
	return false
}
func (e *bodyError) Unwrap() error { return e.err }

// ProxyError is a proxy that answered a CONNECT with another status than
// 200. Proxy is its scheme and host (no credentials); Status is safe text.
type ProxyError struct {
	Proxy      string
	Target     string
	StatusCode int
	Status     string
}

func (e *ProxyError) Error() string {
	return fmt.Sprintf("the proxy %s answered the CONNECT to %s with HTTP %s", e.Proxy, e.Target, e.Status)
}

// NotLoopbackError is a plain-http connection refused because its address
// is not this machine's: the key would cross a network in clear text.
type NotLoopbackError struct {
	Address string
}

func (e *NotLoopbackError) Error() string {
	return fmt.Sprintf("refused to connect to %s: a plain-http base URL may only reach a loopback address, "+
		"so that the API key never crosses a network in clear text", e.Address)
}

// ErrCABundle wraps every problem with Config.CACertFile.
var ErrCABundle = errors.New("unusable CA bundle")

// tooLargeError is returned by the capped reader once its limit is passed.
type tooLargeError struct{ limit int64 }

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("response body exceeds the %s limit", byteSize(e.limit))
}

// byteSize names a limit: "32 MiB", or "1500-byte" when not whole MiB.
func byteSize(n int64) string {
	if n > 0 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d-byte", n)
}
