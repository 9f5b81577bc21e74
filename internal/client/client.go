// Package client talks to 8x8's Chat Apps webhooks API. It knows nothing of
// Terraform: the provider builds a Client from its configuration and maps
// what it returns into state.
package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// DefaultRequestTimeout bounds one HTTP attempt when none is configured.
const DefaultRequestTimeout = 30 * time.Second

// DefaultMaxRetries is how many times a failed request is retried by default.
const DefaultMaxRetries = 4

// Config is everything a Client needs.
type Config struct {
	// BaseURL is the API's scheme and host, e.g. https://chatapps.8x8.com.
	BaseURL string
	// APIKey is sent as "Authorization: Bearer <key>" and nowhere else.
	APIKey string
	// UserAgent is sent with every request.
	UserAgent string
	// RequestTimeout bounds each attempt end to end (connect, headers, body).
	RequestTimeout time.Duration
	// MaxRetries bounds the retries after the first attempt: 0 sends each
	// request once.
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the exponential backoff between
	// attempts (zero: DefaultRetryWaitMin and DefaultRetryWaitMax). A
	// Retry-After header takes precedence, up to MaxRetryAfter.
	RetryWaitMin, RetryWaitMax time.Duration
	// CACertFile names a PEM bundle trusted in addition to the system
	// roots, for networks that intercept TLS.
	CACertFile string
	// Proxy picks the proxy for a request URL; nil means the process
	// environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY).
	Proxy func(*url.URL) (*url.URL, error)
	// Logger receives request logs; nil discards them.
	Logger Logger
}

// Client reads webhook configuration from the 8x8 API. It is safe for
// concurrent use.
type Client struct {
	cfg  Config // with defaults applied
	base *url.URL
	http *retryablehttp.Client
	log  Logger
}

// New validates cfg and builds a Client.
func New(cfg Config) (*Client, error) {
	base, err := ParseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if cfg.APIKey == "" {
		return nil, errors.New("an API key is required")
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.MaxRetries < 0 {
		return nil, fmt.Errorf("max retries must be zero or more, got %d", cfg.MaxRetries)
	}
	if cfg.Logger == nil {
		cfg.Logger = nopLogger{}
	}
	if cfg.RetryWaitMin <= 0 {
		cfg.RetryWaitMin = DefaultRetryWaitMin
	}
	if cfg.RetryWaitMax < cfg.RetryWaitMin {
		cfg.RetryWaitMax = max(DefaultRetryWaitMax, cfg.RetryWaitMin)
	}
	transport, err := newTransport(cfg)
	if err != nil {
		return nil, err
	}
	c := &Client{cfg: cfg, base: base, log: cfg.Logger}
	c.http = c.newRetryClient(&http.Client{
		Transport:     transport,
		Timeout:       cfg.RequestTimeout, // per attempt: connect, headers and body
		CheckRedirect: checkRedirect,
	})
	return c, nil
}

// ParseBaseURL checks that raw is an absolute http(s) URL with a host and no
// query, and that it is https unless the host is a loopback address: the API
// key must never travel in clear text over a network.
func ParseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("not a valid URL: %w", err)
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, fmt.Errorf("%q must start with https://", raw)
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("%q has no host", raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%q must be a scheme, host and optional path only (no user info, query or fragment)", raw)
	}
	if u.Scheme == "http" && !IsLoopback(u.Hostname()) {
		return nil, fmt.Errorf("%q uses http://, which would send the API key in clear text; use https:// (http:// is allowed only for loopback hosts such as 127.0.0.1 or localhost)", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u, nil
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

// AccountIDPattern is the accountId pattern of 8x8's OpenAPI description
// (with a length of 32 to 36 characters).
var AccountIDPattern = regexp.MustCompile(`^[0-9A-Fa-f]{8}[-]?(?:[0-9A-Fa-f]{4}[-]?){3}[0-9A-Fa-f]{12}$`)

// webhooksPath is the list endpoint for one account.
func webhooksPath(accountID string) string {
	return "/api/v1/accounts/" + url.PathEscape(accountID) + "/webhooks"
}

// ListWebhooks returns every webhook of the account, in the API's order.
func (c *Client) ListWebhooks(ctx context.Context, accountID string) ([]Webhook, error) {
	path := webhooksPath(accountID)
	op := "GET " + path
	u := *c.base
	u.Path = c.base.Path + path
	u.RawPath = ""

	state := &attemptState{}
	ctx = context.WithValue(ctx, attemptKey{}, state)
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%s: building the request: %w", op, err)
	}
	req.Header.Set("Authorization", "Bearer "+c.cfg.APIKey)
	req.Header.Set("Accept", "application/json")
	if c.cfg.UserAgent != "" {
		req.Header.Set("User-Agent", c.cfg.UserAgent)
	}

	c.log.Trace(ctx, "8x8 API request", map[string]any{"method": req.Method, "url": u.String(), "headers": loggableHeaders(req.Header)})
	resp, err := c.http.Do(req)
	attempts := max(state.n, 1)
	if err != nil {
		return nil, c.transportError(op, err, attempts)
	}
	defer resp.Body.Close()
	return c.readResponse(ctx, op, resp, attempts)
}

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

// loggableHeaders flattens h for a log line, with credentials masked.
func loggableHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for k, vs := range h {
		v := strings.Join(vs, ", ")
		if k == "Authorization" || k == "Proxy-Authorization" {
			scheme, _, _ := strings.Cut(v, " ")
			v = scheme + " ***"
		}
		out[k] = v
	}
	return out
}

// redact removes the API key from text that came from the server, and a
// start of the key where the text ends (a body cut short mid-key).
func (c *Client) redact(s string) string {
	key := c.cfg.APIKey
	s = strings.ReplaceAll(s, key, "***")
	for n := len(key) - 1; n >= minKeyPrefix; n-- {
		if strings.HasSuffix(s, key[:n]) {
			return s[:len(s)-n] + "***"
		}
	}
	return s
}

// minKeyPrefix is the shortest start of the key that redact masks at the
// end of a text; shorter ones are too likely to be ordinary text.
const minKeyPrefix = 4

// TransportError is a request that got no usable HTTP response: connection
// refused or reset, DNS failure, TLS failure, timeout or cancellation.
type TransportError struct {
	Operation string
	Attempts  int
	Timeout   time.Duration // the per-attempt bound, set when the last attempt timed out
	Canceled  bool
	Err       error
}

func (e *TransportError) Error() string {
	var what string
	switch {
	case e.Canceled:
		what = "request canceled"
	case e.Timeout > 0:
		what = fmt.Sprintf("timed out after %s (request_timeout)", e.Timeout)
	default:
		what = "request failed"
	}
	msg := fmt.Sprintf("%s: %s: %v", e.Operation, what, e.Err)
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (after %d attempts)", e.Attempts)
	}
	return msg
}

func (e *TransportError) Unwrap() error { return e.Err }

func (c *Client) transportError(op string, err error, attempts int) *TransportError {
	te := &TransportError{Operation: op, Attempts: attempts, Err: redactedError{c.redact(err.Error()), err}}
	switch {
	case errors.Is(err, context.Canceled):
		te.Canceled = true
	case isTimeout(err):
		te.Timeout = c.cfg.RequestTimeout
	}
	return te
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
