// Test helpers shared by the client's tests.

package client

import (
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
	cfg := Config{BaseURL: srv.URL, APIKey: testKey, UserAgent: "ua/1", RequestTimeout: 2 * time.Second}
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

// fast makes backoff waits tiny for tests.
func fast(c *Config) { c.RetryWaitMin, c.RetryWaitMax = time.Millisecond, 5*time.Millisecond }

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
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: New still reading after 5s", file)
		return nil
	}
}
