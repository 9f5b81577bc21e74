package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Retry timing. A Retry-After from the server is honored up to
// MaxRetryAfter; otherwise waits grow exponentially from the minimum to the
// maximum, with jitter so that parallel pipelines do not retry in step.
const (
	DefaultRetryWaitMin = 1 * time.Second
	DefaultRetryWaitMax = 30 * time.Second
	MaxRetryAfter       = 60 * time.Second
)

// retryableStatus is every status worth another attempt: rate limiting and
// the transient server and gateway failures. Other 4xx are final.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// attemptKey keys the per-call attempt state in a request's context.
type attemptKey struct{}

// attemptState is what one ListWebhooks call knows of its attempts.
type attemptState struct {
	n     int       // attempts started
	start time.Time // when the current attempt started
}

func attemptOf(ctx context.Context) *attemptState {
	s, _ := ctx.Value(attemptKey{}).(*attemptState)
	if s == nil {
		s = &attemptState{}
	}
	return s
}

// newRetryClient wraps hc in go-retryablehttp with this client's policy.
func (c *Client) newRetryClient(hc *http.Client) *retryablehttp.Client {
	// go-retryablehttp sleeps whatever Backoff returns: the one place a
	// test can replace the wait.
	wait := retryablehttp.Backoff(backoff)
	if replace := c.cfg.RetryWait; replace != nil {
		wait = func(lo, hi time.Duration, attempt int, resp *http.Response) time.Duration {
			return replace(attempt+1, backoff(lo, hi, attempt, resp))
		}
	}
	return &retryablehttp.Client{
		HTTPClient:   hc,
		Logger:       nil, // the client logs through its own Logger, with context
		RetryWaitMin: c.cfg.RetryWaitMin,
		RetryWaitMax: c.cfg.RetryWaitMax,
		RetryMax:     c.cfg.MaxRetries,
		RequestLogHook: func(_ retryablehttp.Logger, req *http.Request, attempt int) {
			s := attemptOf(req.Context())
			s.n, s.start = attempt+1, time.Now()
		},
		CheckRetry:   c.checkRetry,
		Backoff:      wait,
		ErrorHandler: retryablehttp.PassthroughErrorHandler, // keep the last response
	}
}

// checkRetry logs each attempt and decides whether to try again.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	s := attemptOf(ctx)
	fields := map[string]any{"attempt": s.n, "duration_ms": time.Since(s.start).Milliseconds()}
	if resp != nil && resp.Request != nil {
		fields["method"], fields["url"] = resp.Request.Method, c.text(resp.Request.URL.Redacted(), maxMessageRunes) // a redirect's target is the server's text
	}
	if ctxErr := ctx.Err(); ctxErr != nil { // canceled or out of time: never retry
		return false, ctxErr
	}
	var apiErr *APIError
	var respErr *ResponseError
	if errors.As(err, &apiErr) || errors.As(err, &respErr) { // the answer, read: final
		return false, nil
	}
	if err != nil {
		fields["error"] = c.text(err.Error(), maxMessageRunes)
		retry := retryableError(err)
		fields["retry"] = retry && s.n <= c.cfg.MaxRetries
		c.log.Debug(ctx, "8x8 API request failed", fields)
		return retry, nil
	}
	retry := retryableStatus(resp.StatusCode)
	fields["status"] = resp.StatusCode
	if retry {
		fields["retry"] = s.n <= c.cfg.MaxRetries
		if ra := resp.Header.Get("Retry-After"); ra != "" {
			fields["retry_after"] = c.text(ra, maxTextRunes)
		}
	}
	c.log.Debug(ctx, "8x8 API response", fields)
	return retry, nil
}

// classify says what kind of failure err is. net/http gives some failures
// no type; their texts are stable, and matched as a last resort.
func classify(err error) Failure {
	var (
		redirect     *RedirectError
		notLoopback  *NotLoopbackError
		proxy        *ProxyError
		body         *bodyError
		recordHeader tls.RecordHeaderError
		unknownCA    x509.UnknownAuthorityError
		verify       *tls.CertificateVerificationError
		hostname     x509.HostnameError
		invalid      x509.CertificateInvalidError
		alert        tls.AlertError
		protocol     textproto.ProtocolError
	)
	switch {
	case errors.Is(err, context.Canceled):
		return FailureCanceled
	case isTimeout(err):
		return FailureTimeout
	case errors.As(err, &body):
		if body.framing() || body.corruptGzip() { // the bytes came, and are wrong
			return FailureProtocol
		}
		return FailureBody
	case errors.As(err, &redirect):
		return FailureRedirect
	case errors.As(err, &notLoopback):
		return FailureNotLoopback
	case errors.As(err, &proxy):
		return FailureProxy
	case refusedOnLoopback(err) != "":
		return FailureNotListening
	case errors.Is(err, http.ErrSchemeMismatch), errors.As(err, &recordHeader):
		return FailureNotTLS
	case errors.As(err, &unknownCA), errors.As(err, &verify), errors.As(err, &hostname), errors.As(err, &invalid), errors.As(err, &alert),
		isRemoteTLSAlert(err):
		return FailureTLS
	case errors.As(err, &protocol):
		return FailureProtocol
	}
	for _, text := range protocolErrorTexts {
		if strings.Contains(err.Error(), text) {
			return FailureProtocol
		}
	}
	return FailureNetwork
}

// protocolErrorTexts are net/http's untyped errors for answers that are not
// valid HTTP, or requests it could not send; no other attempt mends them.
var protocolErrorTexts = []string{
	"server response headers exceeded",                   // over Transport.MaxResponseHeaderBytes
	"malformed HTTP",                                     // response, status code or version
	"invalid header field",                               // a header it would not send
	"cannot contain multiple Content-Length headers",     // two that differ
	"bad Content-Length", "invalid empty Content-Length", // not a length
	"unsupported transfer encoding",   // a Transfer-Encoding it cannot read
	"failed to parse Location header", // a redirect to nowhere
	"invalid Trailer key", "bad trailer key",
}

// refusedOnLoopback is the address of this machine that refused the
// connection err failed to make, or "": nothing listens on that port, and
// the answer, from this machine's own kernel, will not change while retries
// wait. (A refusal from another machine may come from a server restarting
// or a balancer between instances: it is retried.)
func refusedOnLoopback(err error) string {
	for e := err; e != nil; e = errors.Unwrap(e) {
		op, ok := e.(*net.OpError)
		if !ok || op.Op != "dial" {
			continue // a *url.Error, a "proxyconnect" *net.OpError, …
		}
		if tcp, ok := op.Addr.(*net.TCPAddr); ok && tcp.IP.IsLoopback() && isConnRefused(op.Err) {
			return tcp.String()
		}
		return ""
	}
	return ""
}

// chunkFramingTexts are net/http's untyped errors for a chunked body whose
// framing is malformed, as opposed to cut short (io.ErrUnexpectedEOF): the
// server (or a proxy) sends invalid HTTP, and will send it again.
var chunkFramingTexts = []string{
	"invalid byte in chunk length", "empty hex number for chunk length", "http chunk length too large",
	"malformed chunked encoding", // no CRLF after a chunk's data
	"chunked line ends with bare LF", "invalid CR in chunked line",
	"chunked encoding contains too much non-data", // chunk extensions without end
	"header line too long",                        // a chunk-size line over 4 KiB
	// Not "suspiciously long trailer after chunked body": net/http says so
	// of a trailer cut short too.
}

// isRemoteTLSAlert reports whether the server ended the TLS handshake with
// an alert (a protocol version it will not speak, a client certificate it
// requires, …): crypto/tls gives these no exported type.
func isRemoteTLSAlert(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "remote error" && strings.HasPrefix(op.Err.Error(), "tls:")
}

// retryableError reports whether a request error is worth another attempt:
// a network failure, a broken body or a timeout, or a proxy's 5xx.
func retryableError(err error) bool {
	switch classify(err) {
	case FailureNetwork, FailureTimeout, FailureBody:
		return true
	case FailureProxy:
		var proxy *ProxyError
		return errors.As(err, &proxy) && proxy.StatusCode >= 500
	}
	return false
}

// backoff honors Retry-After on 429 and 503 (seconds or an HTTP date),
// capped at MaxRetryAfter; otherwise it waits lo·2^attempt, at most hi,
// less a random part of up to half, so that clients spread out.
func backoff(lo, hi time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return d
		}
	}
	wait := hi
	if attempt < 30 {
		if d := lo << attempt; d > 0 && d < hi {
			wait = d
		}
	}
	return wait/2 + rand.N(wait/2+1)
}

// parseRetryAfter reads a Retry-After value: delay seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		d = time.Duration(min(secs, int64(MaxRetryAfter/time.Second))) * time.Second
	} else if at, err := http.ParseTime(v); err == nil {
		d = max(at.Sub(now), 0)
	} else {
		return 0, false
	}
	return min(d, MaxRetryAfter), true
}
