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
	// MaxRetries bounds the retries after the first attempt.
	MaxRetries int
	// Logger receives request logs; nil discards them.
	Logger Logger
}

// Client reads webhook configuration from the 8x8 API. It is safe for
// concurrent use.
type Client struct {
	base   *url.URL
	apiKey string
	ua     string
	cfg    Config
	http   *http.Client
	log    Logger
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
	c := &Client{base: base, apiKey: cfg.APIKey, ua: cfg.UserAgent, cfg: cfg, log: cfg.Logger}
	c.http = &http.Client{
		Transport: newTransport(),
		Timeout:   cfg.RequestTimeout,
	}
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

// newTransport clones Go's default transport (proxy from the environment,
// HTTP/2, sane dial and idle timeouts) so that no global state is shared.
func newTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	return t
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

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%s: building the request: %w", op, err)
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Accept", "application/json")
	if c.ua != "" {
		req.Header.Set("User-Agent", c.ua)
	}

	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.transportError(op, err, 1)
	}
	defer resp.Body.Close()
	c.log.Debug(ctx, "8x8 API response", map[string]any{
		"method": req.Method, "url": u.String(), "status": resp.StatusCode,
		"attempt": 1, "duration_ms": time.Since(start).Milliseconds(),
	})
	contentType := resp.Header.Get("Content-Type")

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		body, readErr := io.ReadAll(io.LimitReader(resp.Body, maxErrorBodyBytes))
		if readErr != nil && len(body) == 0 {
			return nil, c.transportError(op, readErr, 1)
		}
		c.log.Trace(ctx, "8x8 API error body", map[string]any{"body": c.redact(string(body))})
		return nil, ParseAPIError(op, resp.StatusCode, resp.Status, contentType, body, c.redact)
	}

	if problem := checkJSONContentType(contentType); problem != "" {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, excerptRunes*4))
		return nil, &ResponseError{Operation: op, Status: resp.Status, ContentType: contentType,
			Problem: problem, Excerpt: c.redact(Excerpt(body))}
	}
	rec := &recorder{r: resp.Body}
	hooks, err := DecodeWebhooks(rec, MaxResponseBytes)
	if err != nil {
		if isTimeout(err) {
			return nil, c.transportError(op, err, 1)
		}
		return nil, &ResponseError{Operation: op, Status: resp.Status, ContentType: contentType,
			Problem: c.redact(err.Error()), Excerpt: c.redact(Excerpt(rec.head))}
	}
	c.log.Trace(ctx, "8x8 API response body", map[string]any{"webhooks": len(hooks), "body_start": c.redact(Excerpt(rec.head))})
	return hooks, nil
}

// recorder keeps the first bytes read through it, for error excerpts and
// trace logs, without holding the whole body.
type recorder struct {
	r    io.Reader
	head []byte
}

func (r *recorder) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if room := excerptRunes*4 - len(r.head); room > 0 && n > 0 {
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

// redact removes the API key from text that came from the server.
func (c *Client) redact(s string) string {
	if c.apiKey == "" {
		return s
	}
	return strings.ReplaceAll(s, c.apiKey, "***")
}

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
