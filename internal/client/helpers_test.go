// Test helpers shared by the client's tests.

package client

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

const testKey = "test-key-9b3f2e"

func newTestClient(t *testing.T, h http.HandlerFunc, mod ...func(*Config)) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	// A timeout no answer can reach: a test that wants one sets its own.
	cfg := Config{BaseURL: srv.URL, APIKey: testKey, UserAgent: "ua/1", RequestTimeout: 10 * time.Minute}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const account = "3f2a9c1e7b4d4e8a9f6b2c5d8e1a4b7f"

// noWait retries at once, whatever wait the policy computed.
func noWait(c *Config) { c.RetryWait = func(int, time.Duration) time.Duration { return 0 } }

// recordWaits retries at once and appends the wait the policy computed
// before each retry to waits, checking that the attempts come in order.
func recordWaits(t *testing.T, waits *[]time.Duration) func(*Config) {
	return func(c *Config) {
		c.RetryWait = func(attempt int, computed time.Duration) time.Duration {
			if attempt != len(*waits)+1 {
				t.Errorf("a wait after attempt %d; want attempt %d", attempt, len(*waits)+1)
			}
			*waits = append(*waits, computed)
			return 0
		}
	}
}

// deadline bounds what the tests wait for when the code under test is
// wrong: a read that would hang for ever fails the test after it. Passing
// runs never come near it.
const deadline = time.Minute

// listWithin is the error of c.ListWebhooks, failing the test if the call
// has not returned within the deadline.
func listWithin(t *testing.T, ctx context.Context, c *Client) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := c.ListWebhooks(ctx, account)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(deadline):
		t.Fatalf("ListWebhooks has not returned after %s", deadline)
		return nil
	}
}

func retries(n int) func(*Config) { return func(c *Config) { c.MaxRetries = n } }

// sequence answers with the given statuses in turn, then 200 with [].
func sequence(hits *atomic.Int32, statuses ...int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		i := int(hits.Add(1)) - 1
		if i < len(statuses) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(statuses[i])
			_, _ = w.Write([]byte(`{"code":2000,"message":"try again","errorId":"e-` + string(rune('0'+i)) + `"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[]`))
	}
}

func emulatorClient(t *testing.T, cfg Config) *Client {
	t.Helper()
	cfg.APIKey = emulator.DefaultAPIKey
	cfg.RetryWaitMin, cfg.RetryWaitMax = 1, 1
	cfg.RequestTimeout = 10 * time.Minute // no answer reaches it
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// offline is a client for tests that make no request.
func offline(t testing.TB) *Client {
	t.Helper()
	c, err := New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// newEmulatorServer serves emu over plain http on loopback for one test and
// returns its base URL.
func newEmulatorServer(t *testing.T, emu *emulator.Emulator) string {
	t.Helper()
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return srv.URL
}

// newWithCA builds a client trusting file, within a deadline: reading a
// FIFO or a device must not hang configuration.
func newWithCA(t *testing.T, file string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: "k", CACertFile: file})
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(deadline):
		t.Fatalf("%s: New still reading after %s", file, deadline)
		return nil
	}
}
