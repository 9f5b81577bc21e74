package client

import (
	"context"
	"errors"
	"net/http"
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
	if !errors.As(err, &te) || !te.Canceled || hits.Load() != 1 {
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
