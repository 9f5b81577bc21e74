// Package client talks to 8x8's Chat Apps webhooks API. It knows nothing of
// Terraform: the provider builds a Client from its configuration and maps
// what it returns into state.
package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/net/http/httpguts"
)

// DefaultRequestTimeout bounds one HTTP attempt when none is configured.
const DefaultRequestTimeout = 30 * time.Second

// DefaultMaxRetries is how many times a failed request is retried by default.
const DefaultMaxRetries = 4

// Config is everything a Client needs.
type Config struct {
	// BaseURL is the API's scheme and host, e.g. https://chatapps.8x8.com,
	// with an optional path prefix (see ParseBaseURL).
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
	// RetryWait, when set, replaces the wait before a retry: it receives
	// the attempt that failed (1 for the first) and the wait the policy
	// computed for it (a Retry-After honored up to MaxRetryAfter, else
	// exponential backoff with jitter), and returns the wait used instead.
	// For tests, which assert the policy without sleeping it; nil waits as
	// computed.
	RetryWait func(attempt int, computed time.Duration) time.Duration
	// CACertFile names a PEM bundle trusted in addition to the system
	// roots, for networks that intercept TLS.
	CACertFile string
	// Proxy picks the proxy for a request URL; nil means the environment:
	// HTTPS_PROXY (or https_proxy) for https URLs, except for loopback hosts
	// and those NO_PROXY (or no_proxy) exempts. A value there that is not a
	// usable proxy URL makes New fail with a *ProxyEnvError when the proxy
	// would be used for BaseURL.
	Proxy func(*url.URL) (*url.URL, error)
	// Getenv reads the environment for Proxy's default; nil: os.Getenv.
	Getenv func(string) string
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
	// redactor masks the API key and credentials in server text.
	redactor *redactor
	// proxy is the proxy a request URL goes through (nil: none).
	proxy func(*url.URL) (*url.URL, error)
	// proxyVar names the variable proxy comes from ("" for Config.Proxy).
	proxyVar string
}

// New validates cfg and builds a Client.
func New(cfg Config) (*Client, error) {
	base, err := ParseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if err := CheckAPIKey(cfg.APIKey); err != nil {
		return nil, err
	}
	if !httpguts.ValidHeaderFieldValue(cfg.UserAgent) {
		return nil, fmt.Errorf("the User-Agent %q is not a valid header value", cfg.UserAgent)
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
	c := &Client{cfg: cfg, base: base, log: cfg.Logger, redactor: newRedactor(cfg.APIKey)}
	transport, err := c.newTransport(base)
	if err != nil {
		return nil, err
	}
	c.http = c.newRetryClient(&http.Client{
		Transport:     transport,
		Timeout:       cfg.RequestTimeout, // per attempt: connect, headers and body
		CheckRedirect: c.checkRedirect,
	})
	return c, nil
}

// MaxAPIKeyBytes bounds an API key: 8x8's are a few dozen characters.
const MaxAPIKeyBytes = 4096

// ErrBearerPrefix is an API key given as "Bearer <key>", the header's value:
// the key alone is wanted.
var ErrBearerPrefix = errors.New(`the API key starts with the word Bearer, which is added to it (the key is sent as ` +
	`Authorization: Bearer <key>): give only the key, without "Bearer "`)

// CheckAPIKey fails when key is empty or holds anything but printable ASCII
// characters: white space, a control or a non-ASCII character cannot be
// part of a key, and could never be sent in a header anyway. The error
// never repeats the key.
func CheckAPIKey(key string) error {
	if key == "" {
		return errors.New("an API key is required")
	}
	if strings.TrimSpace(key) == "" {
		return fmt.Errorf("the API key holds only white space (%s)", plural(len(key), "byte"))
	}
	if words := strings.Fields(key); len(words) > 1 && strings.EqualFold(words[0], "Bearer") {
		return ErrBearerPrefix
	}
	if len(key) > MaxAPIKeyBytes {
		return fmt.Errorf("the API key has %d bytes; an API key has at most %d: was a whole file given instead of a key?", len(key), MaxAPIKeyBytes)
	}
	for i, r := range key {
		if r > ' ' && r < 0x7f {
			continue
		}
		what := map[rune]string{' ': "a space", '\t': "a tab", '\n': "a line break", '\r': "a carriage return"}[r]
		switch {
		case what != "":
		case r < ' ' || r == 0x7f:
			what = "a control character"
		default:
			what = "a character that is not ASCII"
		}
		return fmt.Errorf("the API key holds %s (%U) at byte %d of %d; API keys hold only printable ASCII characters, no white space",
			what, r, i+1, len(key))
	}
	return nil
}

// ListWebhooks returns every webhook of the account, in the API's order.
func (c *Client) ListWebhooks(ctx context.Context, accountID string) ([]Webhook, error) {
	if err := CheckAccountID(accountID); err != nil {
		return nil, err
	}
	u := c.webhooksURL(accountID)
	op := "GET " + u.Redacted()

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

	// The body is read and decoded inside each attempt, so that a connection
	// broken in the middle of it is retried like one broken before the
	// headers. The handler runs for a final status; a retryable status
	// whose attempts ran out is read below.
	var hooks []Webhook
	var read *http.Response
	req.SetResponseHandler(func(resp *http.Response) error {
		defer resp.Body.Close()
		read = resp
		var err error
		hooks, err = c.readResponse(ctx, op, resp, state.n)
		return err
	})

	c.log.Trace(ctx, "8x8 API request", map[string]any{"method": req.Method, "url": u.Redacted(), "headers": loggableHeaders(req.Header)})
	resp, err := c.http.Do(req)
	attempts := max(state.n, 1)
	if resp != nil && resp != read {
		defer resp.Body.Close()
	}
	var apiErr *APIError
	var respErr *ResponseError
	switch {
	case errors.As(err, &apiErr), errors.As(err, &respErr):
		return nil, err
	case err != nil:
		return nil, c.transportError(op, err, attempts)
	case resp != read:
		hooks, err = c.readResponse(ctx, op, resp, attempts)
		if err != nil && !errors.As(err, &apiErr) && !errors.As(err, &respErr) {
			return nil, c.transportError(op, err, attempts)
		}
		return hooks, err
	}
	return hooks, nil
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

// plural is "1 byte" or "n bytes".
func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
