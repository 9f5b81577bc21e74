package client

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRetry_transientStatusesThenSuccess(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, sequence(&hits, 429, 500, 502, 503, 504), fast, retries(5))
	if _, err := c.ListWebhooks(context.Background(), account); err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 6 {
		t.Errorf("%d requests, want 6", hits.Load())
	}
}

func TestRetry_finalStatusesSentOnce(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 405, 409, 426} {
		var hits atomic.Int32
		c := newTestClient(t, sequence(&hits, status), fast, retries(4))
		_, err := c.ListWebhooks(context.Background(), account)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != status || apiErr.Attempts != 1 || hits.Load() != 1 {
			t.Errorf("%d: %d requests, err %v", status, hits.Load(), err)
		}
	}
}

func TestRetry_exhaustedKeepsLastResponse(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, sequence(&hits, 503, 503, 500), fast, retries(2))
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
	c := newTestClient(t, sequence(&hits, 503), fast, retries(0))
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
	}, fast, retries(3))
	if _, err := c.ListWebhooks(context.Background(), account); err != nil || hits.Load() != 3 {
		t.Errorf("%d requests, err %v", hits.Load(), err)
	}

	// Nothing listens: connection refused, retried, then a TransportError.
	c, err := New(Config{BaseURL: "http://127.0.0.1:1", APIKey: testKey, MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListWebhooks(context.Background(), account)
	var te *TransportError
	if !errors.As(err, &te) || te.Attempts != 3 || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("%v", err)
	}
}

func TestRetry_timeoutPerAttempt(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			<-r.Context().Done() // hang
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[]`))
	}, fast, retries(1), func(c *Config) { c.RequestTimeout = 100 * time.Millisecond })
	if _, err := c.ListWebhooks(context.Background(), account); err != nil || hits.Load() != 2 {
		t.Errorf("%d requests, err %v", hits.Load(), err)
	}
}

// A body that stalls half-way is bounded by the same per-attempt timeout.
func TestTimeout_coversBody(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[{"subAccountId":"*",`))
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		<-r.Context().Done()
	}, fast, retries(0), func(c *Config) { c.RequestTimeout = 100 * time.Millisecond })
	start := time.Now()
	_, err := c.ListWebhooks(context.Background(), account)
	var te *TransportError
	if !errors.As(err, &te) || te.Timeout != 100*time.Millisecond {
		t.Errorf("%v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
}

// Canceling the context (Ctrl-C) stops at once, even in the middle of a
// long backoff.
func TestRetry_cancelDuringBackoff(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Retry-After", "60")
		w.WriteHeader(503)
	}, retries(4))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.ListWebhooks(ctx, account)
	var te *TransportError
	if !errors.As(err, &te) || te.Kind != FailureCanceled || hits.Load() != 1 {
		t.Errorf("%d requests, err %v", hits.Load(), err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("cancel took %s", d)
	}
}

func TestBackoff(t *testing.T) {
	now := time.Now()
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
		"429 date":              {h(429, now.Add(10*time.Second).UTC().Format(http.TimeFormat)), 0, 8 * time.Second, 10 * time.Second},
		"429 past date":         {h(429, now.Add(-time.Hour).UTC().Format(http.TimeFormat)), 0, 0, 0},
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
				_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
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
		}, fast, retries(2))
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
	}, fast, retries(2))
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
