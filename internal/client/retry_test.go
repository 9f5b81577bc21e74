package client

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// Every transient status is retried, after a wait that doubles from
// DefaultRetryWaitMin with each attempt, less up to half of it (jitter).
func TestRetry_transientStatusesThenSuccess(t *testing.T) {
	var hits atomic.Int32
	var waits []time.Duration
	c := newTestClient(t, sequence(&hits, 429, 500, 502, 503, 504), recordWaits(t, &waits), retries(5))
	if _, err := c.ListWebhooks(context.Background(), account); err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 6 {
		t.Errorf("%d requests, want 6", hits.Load())
	}
	if len(waits) != 5 {
		t.Fatalf("%d waits %v, want 5", len(waits), waits)
	}
	for i, d := range waits {
		if most := DefaultRetryWaitMin << i; d < most/2 || d > most {
			t.Errorf("wait %d: %s, want %s to %s", i+1, d, most/2, most)
		}
	}
}

// The waits the client computes from the API's answers: Retry-After on a
// 429 or a 503 is honored, in seconds or as an HTTP date (to the second in
// TestParseRetryAfter), at most MaxRetryAfter; on any other status, or
// unreadable, it is ignored for the exponential backoff.
func TestRetry_waitsHonorRetryAfter(t *testing.T) {
	answers := []struct {
		status     int
		retryAfter string
		min, max   time.Duration // of the wait that follows
	}{
		{500, "5", time.Second / 2, time.Second}, // backoff after attempt n: 2^(n-1) s less up to half
		{429, "1", time.Second, time.Second},
		{503, "0", 0, 0},
		{429, "soon", 4 * time.Second, 8 * time.Second},
		{429, "86400", MaxRetryAfter, MaxRetryAfter},
		{503, time.Now().Add(2 * time.Hour).UTC().Format(http.TimeFormat), MaxRetryAfter, MaxRetryAfter},
		{503, time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat), 0, 0},
		{502, "", DefaultRetryWaitMax / 2, DefaultRetryWaitMax}, // 2^7 s, capped
	}
	var hits atomic.Int32
	var waits []time.Duration
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		i := int(hits.Add(1)) - 1
		if i < len(answers) {
			if a := answers[i]; a.retryAfter != "" {
				w.Header().Set("Retry-After", a.retryAfter)
			}
			w.WriteHeader(answers[i].status)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[]`))
	}, retries(len(answers)), recordWaits(t, &waits))
	if _, err := c.ListWebhooks(context.Background(), account); err != nil || hits.Load() != int32(len(answers))+1 {
		t.Errorf("%d requests, err %v", hits.Load(), err)
	}
	if len(waits) != len(answers) {
		t.Fatalf("%d waits %v, want %d", len(waits), waits, len(answers))
	}
	for i, a := range answers {
		if d := waits[i]; d < a.min || d > a.max {
			t.Errorf("after attempt %d, HTTP %d with Retry-After %q: waits %s, want %s to %s", i+1, a.status, a.retryAfter, d, a.min, a.max)
		}
	}
}

func TestRetry_finalStatusesSentOnce(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 405, 409, 426} {
		var hits atomic.Int32
		c := newTestClient(t, sequence(&hits, status), noWait, retries(4))
		_, err := c.ListWebhooks(context.Background(), account)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != status || apiErr.Attempts != 1 || hits.Load() != 1 {
			t.Errorf("%d: %d requests, err %v", status, hits.Load(), err)
		}
	}
}

func TestRetry_exhaustedKeepsLastResponse(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, sequence(&hits, 503, 503, 500), noWait, retries(2))
	_, err := c.ListWebhooks(context.Background(), account)
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatal(err)
	}
	if apiErr.Attempts != 3 || apiErr.StatusCode != 500 || apiErr.Code != 2000 || apiErr.ErrorID != "e-2" || hits.Load() != 3 {
		t.Errorf("%+v after %d requests", apiErr, hits.Load())
	}
	if !strings.HasSuffix(err.Error(), "after 3 attempts") {
		t.Errorf("%s", err)
	}
}

func TestRetry_zeroMeansOneAttempt(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, sequence(&hits, 503), noWait, retries(0))
	if _, err := c.ListWebhooks(context.Background(), account); err == nil || hits.Load() != 1 {
		t.Errorf("%d requests, err %v", hits.Load(), err)
	}
}

func TestRetry_connectionFailures(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) < 3 { // drop the connection without an answer
			if hj, ok := w.(http.Hijacker); ok {
				conn, _, _ := hj.Hijack()
				_ = conn.Close()
			}
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[]`))
	}, noWait, retries(3))
	if _, err := c.ListWebhooks(context.Background(), account); err != nil || hits.Load() != 3 {
		t.Errorf("%d requests, err %v", hits.Load(), err)
	}
}

// closedLoopback is a loopback address nothing listens on: a port the
// system gave and that is closed again.
func closedLoopback(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return addr
}

// A connection refused on a loopback address (a local emulator or proxy
// not started) is sent once, not retried for the length of the backoff,
// and says that nothing listens there: the refusal comes from this
// machine, and does not change while the retries wait.
func TestRetry_refusedOnLoopbackSentOnce(t *testing.T) {
	addr := closedLoopback(t)
	_, port, _ := net.SplitHostPort(addr)
	proxyURL, _ := url.Parse("http://" + addr)
	path := "/api/v1/accounts/" + account + "/webhooks"
	for name, tc := range map[string]struct {
		cfg  Config
		want string
	}{
		"127.0.0.1": {Config{BaseURL: "http://" + addr},
			"GET http://" + addr + path + ": nothing is listening on " + addr + `: Get "http://` + addr + path + `": dial tcp ` + addr + ": connect: connection refused"},
		"localhost": {Config{BaseURL: "http://localhost:" + port},
			"GET http://localhost:" + port + path + ": nothing is listening on localhost:" + port + " ("},
		"a proxy on loopback": {Config{BaseURL: "https://chatapps.8x8.com", Proxy: func(*url.URL) (*url.URL, error) { return proxyURL, nil }},
			"GET https://chatapps.8x8.com" + path + ": nothing is listening on " + addr + `, the proxy: Get "https://chatapps.8x8.com` + path +
				`": proxyconnect tcp: dial tcp ` + addr + ": connect: connection refused"},
	} {
		var waits []time.Duration
		tc.cfg.APIKey, tc.cfg.MaxRetries = testKey, 4
		recordWaits(t, &waits)(&tc.cfg)
		c, err := New(tc.cfg)
		if err != nil {
			t.Fatal(err)
		}
		err = listWithin(t, context.Background(), c)
		var te *TransportError
		if !errors.As(err, &te) || te.Kind != FailureNotListening || te.Attempts != 1 || len(waits) != 0 || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: %d retries:\ngot  %v\nwant %s…", name, len(waits), err, tc.want)
		}
	}
}

// A refusal from another machine is still a network failure, retried: a
// server restarting, a balancer between instances.
func TestClassify_refusedElsewhereRetried(t *testing.T) {
	refused := func(ip string) error {
		return &url.Error{Op: "Get", URL: "https://x", Err: &net.OpError{Op: "dial", Net: "tcp",
			Addr: &net.TCPAddr{IP: net.ParseIP(ip), Port: 443}, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}}
	}
	for ip, want := range map[string]Failure{"192.0.2.1": FailureNetwork, "2001:db8::1": FailureNetwork, "127.0.0.1": FailureNotListening, "::1": FailureNotListening} {
		if got := classify(refused(ip)); got != want || retryableError(refused(ip)) != (want == FailureNetwork) {
			t.Errorf("%s: %s, retried %t", ip, got, retryableError(refused(ip)))
		}
	}
}

// Each attempt has a timeout of its own: the first hangs until its timeout
// cuts it off, and the second, given the whole timeout again, answers. (A
// timeout over the whole call would give no second attempt.) The timeout is
// there to cut off the hang; on a machine too slow to answer the second
// attempt within it, the test goes again with a longer one.
func TestRetry_timeoutPerAttempt(t *testing.T) {
	for timeout := 100 * time.Millisecond; ; timeout *= 4 {
		var hits atomic.Int32
		c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
			if hits.Add(1) == 1 {
				<-r.Context().Done() // hang
				return
			}
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`[]`))
		}, noWait, retries(1), func(c *Config) { c.RequestTimeout = timeout })
		err := listWithin(t, context.Background(), c)
		if err == nil && hits.Load() == 2 {
			return
		}
		var te *TransportError
		if errors.As(err, &te) && te.Kind == FailureTimeout && te.Attempts == 2 && timeout < 20*time.Second {
			t.Logf("the second attempt did not answer within %s here; again with a longer timeout", timeout)
			continue
		}
		t.Fatalf("%d requests, err %v", hits.Load(), err)
	}
}

// A body that stalls half-way is cut off by the same per-attempt timeout.
// Should the timeout come before the headers on a slow machine, the test
// goes again with a longer one: it is the body's timeout that is tested.
func TestTimeout_coversBody(t *testing.T) {
	for timeout := 100 * time.Millisecond; ; timeout *= 4 {
		c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`[{"subAccountId":"*",`))
			if f, ok := w.(http.Flusher); ok {
				f.Flush()
			}
			<-r.Context().Done()
		}, noWait, retries(0), func(c *Config) { c.RequestTimeout = timeout })
		err := listWithin(t, context.Background(), c)
		var te *TransportError
		if errors.As(err, &te) && strings.Contains(err.Error(), "awaiting headers") && timeout < 20*time.Second {
			t.Logf("timed out before the headers at %s here; again with a longer timeout", timeout)
			continue
		}
		want := fmt.Sprintf("/webhooks: timed out after %s: reading the body: context deadline exceeded (Client.Timeout or context cancellation while reading body)", timeout)
		if !errors.As(err, &te) || te.Kind != FailureTimeout || te.Timeout != timeout || te.Attempts != 1 || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("got  %v\nwant …%s", err, want)
		}
		return
	}
}

// Canceling the context (Ctrl-C) stops at once, even in the middle of a
// long wait before a retry: here the API asks for 60 s, the wait is made an
// hour, and the context is canceled as it begins.
func TestRetry_cancelDuringBackoff(t *testing.T) {
	var hits atomic.Int32
	ctx, cancel := context.WithCancel(context.Background())
	var computed []time.Duration
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Retry-After", "60")
		w.WriteHeader(503)
	}, retries(4), func(c *Config) {
		c.RetryWait = func(_ int, d time.Duration) time.Duration {
			computed = append(computed, d)
			cancel()
			return time.Hour
		}
	})
	err := listWithin(t, ctx, c)
	var te *TransportError
	if !errors.As(err, &te) || te.Kind != FailureCanceled || hits.Load() != 1 {
		t.Errorf("%d requests, err %v", hits.Load(), err)
	}
	if len(computed) != 1 || computed[0] != MaxRetryAfter {
		t.Errorf("computed waits %v, want [%s]", computed, MaxRetryAfter)
	}
}

// The policy itself: Retry-After on 429 and 503, capped; otherwise
// exponential backoff with jitter, capped at the maximum. (Retry-After as
// an HTTP date is checked to the second in TestParseRetryAfter.)
func TestBackoff(t *testing.T) {
	h := func(status int, ra string) *http.Response {
		r := &http.Response{StatusCode: status, Header: http.Header{}}
		if ra != "" {
			r.Header.Set("Retry-After", ra)
		}
		return r
	}
	for name, tc := range map[string]struct {
		resp     *http.Response
		attempt  int
		min, max time.Duration
	}{
		"429 seconds":           {h(429, "7"), 0, 7 * time.Second, 7 * time.Second},
		"503 seconds":           {h(503, "2"), 3, 2 * time.Second, 2 * time.Second},
		"429 zero":              {h(429, "0"), 2, 0, 0},
		"429 capped":            {h(429, "86400"), 0, MaxRetryAfter, MaxRetryAfter},
		"429 date capped":       {h(429, time.Now().Add(2*time.Hour).UTC().Format(http.TimeFormat)), 0, MaxRetryAfter, MaxRetryAfter},
		"429 past date":         {h(429, time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)), 0, 0, 0},
		"500 ignores header":    {h(500, "50"), 0, 500 * time.Millisecond, time.Second},
		"429 garbage":           {h(429, "soon"), 1, time.Second, 2 * time.Second},
		"no response":           {nil, 2, 2 * time.Second, 4 * time.Second},
		"exponential is capped": {nil, 20, 15 * time.Second, 30 * time.Second},
	} {
		for range 20 { // jitter
			d := backoff(time.Second, 30*time.Second, tc.attempt, tc.resp)
			if d < tc.min || d > tc.max {
				t.Errorf("%s: %s not in [%s, %s]", name, d, tc.min, tc.max)
				break
			}
		}
	}
}

// Retry-After in either of its forms, against a fixed clock.
func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"0":                              0,
		"1":                              time.Second,
		"60":                             time.Minute,
		"61":                             MaxRetryAfter,
		"99999999999999999999":           -1, // neither seconds nor a date
		"-1":                             -1,
		"soon":                           -1,
		"":                               -1,
		"Fri, 27 Nov 2026 10:00:10 GMT":  10 * time.Second,
		"Fri, 27 Nov 2026 10:00:59 GMT":  59 * time.Second,
		"Fri, 27 Nov 2026 12:00:00 GMT":  MaxRetryAfter,
		"Fri, 27 Nov 2026 09:59:59 GMT":  0,
		"Friday, 27-Nov-26 10:00:30 GMT": 30 * time.Second, // RFC 850, which HTTP still accepts
	} {
		d, ok := parseRetryAfter(v, now)
		if want < 0 && ok || want >= 0 && (!ok || d != want) {
			t.Errorf("%q: %s, %t; want %s", v, d, ok, want)
		}
	}
}

// rawServer answers every connection with answer and counts connections.
func rawServer(t *testing.T, answer string) (addr string, conns *atomic.Int32) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	conns = &atomic.Int32{}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			go func() {
				defer conn.Close()
				_ = conn.SetDeadline(time.Now().Add(deadline))
				_, _ = conn.Read(make([]byte, 4096)) // the request, or a TLS hello
				_, _ = io.WriteString(conn, answer)
			}()
		}
	}()
	return ln.Addr().String(), conns
}

// Errors that another attempt cannot mend are final: plain HTTP on an
// https URL, a proxy refusing the tunnel, headers over the limit, an answer
// that is not HTTP. Each says what it means.
func TestRetry_finalTransportErrors(t *testing.T) {
	plain, plainConns := rawServer(t, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
	proxy, proxyConns := rawServer(t, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\nContent-Length: 0\r\n\r\n")
	huge, hugeConns := rawServer(t, "HTTP/1.1 200 OK\r\nX-Big: "+strings.Repeat("x", 2<<20)+"\r\n\r\n")
	ssh, sshConns := rawServer(t, "SSH-2.0-OpenSSH_9.6\r\n")
	proxyURL, _ := url.Parse("http://user:s3cret@" + proxy)
	for name, tc := range map[string]struct {
		cfg   Config
		conns *atomic.Int32
		want  string
	}{
		"plain HTTP on an https URL": {Config{BaseURL: "https://" + plain}, plainConns,
			": the server does not speak TLS on this port: Get \"https://" + plain + "/api/v1/accounts/" + account + "/webhooks\": http: server gave HTTP response to HTTPS client"},
		"proxy refuses the tunnel": {Config{BaseURL: "https://chatapps.8x8.com", Proxy: func(*url.URL) (*url.URL, error) { return proxyURL, nil }}, proxyConns,
			": the proxy refused the tunnel: Get \"https://chatapps.8x8.com/api/v1/accounts/" + account + "/webhooks\": the proxy http://" + proxy +
				" answered the CONNECT to chatapps.8x8.com:443 with HTTP 407 Proxy Authentication Required"},
		"headers over the limit": {Config{BaseURL: "http://" + huge}, hugeConns,
			": the answer is not valid HTTP: Get \"http://" + huge + "/api/v1/accounts/" + account + "/webhooks\": net/http: HTTP/1.x transport connection broken: net/http: server response headers exceeded 1048576 bytes; aborted"},
		"not HTTP at all": {Config{BaseURL: "http://" + ssh}, sshConns,
			": the answer is not valid HTTP: Get \"http://" + ssh + "/api/v1/accounts/" + account + "/webhooks\": net/http: HTTP/1.x transport connection broken: malformed HTTP response \"SSH-2.0-OpenSSH_9.6\""},
	} {
		tc.cfg.APIKey, tc.cfg.MaxRetries, tc.cfg.RetryWaitMin, tc.cfg.RetryWaitMax = testKey, 3, time.Millisecond, time.Millisecond
		c, err := New(tc.cfg)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.ListWebhooks(context.Background(), account)
		var te *TransportError
		if !errors.As(err, &te) || te.Attempts != 1 || !strings.HasSuffix(err.Error(), tc.want) {
			t.Errorf("%s:\ngot  %v\nwant …%s", name, err, tc.want)
		}
		if n := tc.conns.Load(); n != 1 {
			t.Errorf("%s: %d connections, want 1", name, n)
		}
	}
}

// A User-Agent that is not a valid header value is refused by New, not
// sent (and retried) as a network failure.
func TestNew_badUserAgent(t *testing.T) {
	_, err := New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: testKey, UserAgent: "terraform\r\nX-Injected: 1"})
	if want := `the User-Agent "terraform\r\nX-Injected: 1" is not a valid header value`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// A connection that breaks in the middle of a 200's body (cut short, or
// reset) is retried like one that breaks before the headers: the body is
// read inside the attempt.
func TestRetry_bodyBrokenMidway(t *testing.T) {
	good := `[{"subAccountId":"*","url":"https://a"}]`
	for name, breakBody := range map[string]func(w http.ResponseWriter){
		"cut short": func(w http.ResponseWriter) {
			w.Header().Set("Content-Length", "500")
			_, _ = io.WriteString(w, `[{"subAccountId":"*",`)
		},
		"chunked, no last chunk": func(w http.ResponseWriter) {
			if conn := flushAndHijack(w); conn != nil {
				_ = conn.Close()
			}
		},
		"reset": func(w http.ResponseWriter) {
			if conn, ok := flushAndHijack(w).(*net.TCPConn); ok {
				_ = conn.SetLinger(0) // close with a RST
				_ = conn.Close()
			}
		},
	} {
		var hits atomic.Int32
		c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if hits.Add(1) < 3 {
				breakBody(w)
				return
			}
			_, _ = io.WriteString(w, good)
		}, noWait, retries(2))
		hooks, err := c.ListWebhooks(context.Background(), account)
		if err != nil || len(hooks) != 1 || hits.Load() != 3 {
			t.Errorf("%s: %d requests, %v, %v", name, hits.Load(), hooks, err)
		}
	}
}

// When the attempts run out, the error says the connection broke; it does
// not blame the body.
func TestRetry_bodyBrokenEveryTime(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "500")
		_, _ = io.WriteString(w, `[{"subAccountId":"*",`)
	}, noWait, retries(2))
	_, err := c.ListWebhooks(context.Background(), account)
	var te *TransportError
	want := "/webhooks: the connection broke in the middle of the answer: reading the body: unexpected EOF (after 3 attempts)"
	if !errors.As(err, &te) || te.Kind != FailureBody || te.Attempts != 3 || !strings.HasSuffix(err.Error(), want) || hits.Load() != 3 {
		t.Errorf("%d requests: %v", hits.Load(), err)
	}
}

// flushAndHijack sends the start of a chunked body and takes the connection
// over; nil if w cannot.
func flushAndHijack(w http.ResponseWriter) net.Conn {
	_, _ = io.WriteString(w, `[{"subAccountId":"*",`)
	f, ok := w.(http.Flusher)
	hj, ok2 := w.(http.Hijacker)
	if !ok || !ok2 {
		return nil
	}
	f.Flush()
	conn, _, err := hj.Hijack()
	if err != nil {
		return nil
	}
	return conn
}

// Answers no other attempt can mend are sent once and called what they are.
func TestRetry_malformedAnswersSentOnce(t *testing.T) {
	for name, raw := range map[string]string{
		"NUL in a header":           "HTTP/1.1 200 OK\r\nX: a\x00b\r\nContent-Length: 2\r\n\r\n[]",
		"header without colon":      "HTTP/1.1 200 OK\r\nno-colon\r\nContent-Length: 2\r\n\r\n[]",
		"two Content-Lengths":       "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n[]",
		"negative Content-Length":   "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n[]",
		"unknown Transfer-Encoding": "HTTP/1.1 200 OK\r\nTransfer-Encoding: bogus\r\n\r\n",
		"unparsable Location":       "HTTP/1.1 302 Found\r\nLocation: http://[::1%zz/x\r\nContent-Length: 0\r\n\r\n",
	} {
		srv, conns := rawServer(t, raw)
		c, err := New(Config{BaseURL: "http://" + srv, APIKey: testKey, MaxRetries: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.ListWebhooks(context.Background(), account)
		var te *TransportError
		if n := conns.Load(); n != 1 || !errors.As(err, &te) || te.Kind != FailureProtocol {
			t.Errorf("%s: %d connections: %v", name, n, err)
		}
	}
}

// A 200 body without a length (ended by the connection closing) that is
// cut short is retried like a broken connection, not blamed on a proxy.
func TestRetry_closeDelimitedBodyCutShort(t *testing.T) {
	srv, conns := rawServer(t, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"+`[{"subAccountId":"*","url":"https://a.example"},{"subAcc`)
	c, err := New(Config{BaseURL: "http://" + srv, APIKey: testKey, MaxRetries: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListWebhooks(context.Background(), account)
	var te *TransportError
	if n := conns.Load(); n != 4 || !errors.As(err, &te) || te.Kind != FailureBody {
		t.Errorf("%d connection(s): %v", n, err)
	}
}

// A chunked body whose framing is malformed (a chunk-size line that is not
// hexadecimal, a bare LF, data longer than its chunk, a size too large) is
// not a network failure: the bytes arrived, and are wrong; a server that
// sends them sends them again. It is sent once and called invalid HTTP. A
// chunked body cut short (the connection closed before the last chunk,
// also in the middle of a size line) is a broken connection: retried.
func TestRetry_chunkedFraming(t *testing.T) {
	const head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
	for name, tc := range map[string]rawAnswer{
		"size not hexadecimal": {head + "zz\r\n[]\r\n0\r\n\r\n", 1, ": the answer is not valid HTTP: the body's chunked framing is broken: invalid byte in chunk length"},
		"bare LF":              {head + "2\n[]\r\n0\r\n\r\n", 1, ": the answer is not valid HTTP: the body's chunked framing is broken: chunked line ends with bare LF"},
		"data over its size":   {head + "1\r\n[]\r\n0\r\n\r\n", 1, ": the answer is not valid HTTP: the body's chunked framing is broken: malformed chunked encoding"},
		"size too large":       {head + "fffffffffffffffff\r\n[]", 1, ": the answer is not valid HTTP: the body's chunked framing is broken: http chunk length too large"},
		"malformed trailer":    {head + "2\r\n[]\r\n0\r\nno colon\r\n\r\n", 1, ": the answer is not valid HTTP: the body's chunked framing is broken: malformed MIME header: missing colon: \"no colon\""},
		"cut in a chunk":       {head + "40\r\n[{\"subAccountId\":\"*\",", 2, ""},
		"cut in a size line":   {head + "1\r\n[\r\n1", 2, ""},
		"cut in the trailer":   {head + "2\r\n[]\r\n0\r\nX-A: 1\r\n", 2, ""},
	} {
		tc.check(t, name, 3)
	}
}

// rawAnswer is a scripted raw answer, how many requests the client sends
// for it, and the end of the error it gives ("" for success): sent once,
// an invalid answer must be a FailureProtocol of one attempt.
type rawAnswer struct {
	raw      string
	requests int
	want     string
}

func (tc rawAnswer) check(t *testing.T, name string, maxRetries int) {
	t.Helper()
	emu := emulator.New()
	emu.Script(emulator.Response{Raw: tc.raw})
	c := emulatorClient(t, Config{BaseURL: newEmulatorServer(t, emu), MaxRetries: maxRetries})
	_, err := c.ListWebhooks(context.Background(), emulator.DefaultAccountID)
	var te *TransportError
	switch {
	case emu.RequestCount() != tc.requests:
		t.Errorf("%s: %d requests, want %d: %v", name, emu.RequestCount(), tc.requests, err)
	case tc.want == "" && err != nil:
		t.Errorf("%s: %v", name, err)
	case tc.want != "" && (!errors.As(err, &te) || te.Kind != FailureProtocol || te.Attempts != 1 || !strings.HasSuffix(err.Error(), tc.want)):
		t.Errorf("%s:\ngot  %v\nwant …%s", name, err, tc.want)
	}
}

// A body that came whole in a corrupt gzip encoding is sent once, and said
// to be corrupt; a gzip stream cut short is a body cut short, retried.
func TestRetry_corruptGzip(t *testing.T) {
	var good bytes.Buffer
	zw := gzip.NewWriter(&good)
	_, _ = zw.Write([]byte(`[{"subAccountId":"*","url":"https://a.example"}]`))
	_ = zw.Close()
	badCRC := bytes.Clone(good.Bytes())
	badCRC[len(badCRC)-8] ^= 0xff // the CRC-32 of the data
	head := func(body []byte) string {
		return fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n", len(body))
	}
	for name, tc := range map[string]rawAnswer{
		"bad header":   {head([]byte("not gzip at all")) + "not gzip at all", 1, "the body's gzip encoding is corrupt: gzip: invalid header"},
		"bad checksum": {head(badCRC) + string(badCRC), 1, "the body's gzip encoding is corrupt: gzip: invalid checksum"},
		"cut short":    {head(good.Bytes()) + string(good.Bytes()[:good.Len()-10]), 2, ""},
	} {
		tc.check(t, name, 1)
	}
}
