package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestListWebhooks_request(t *testing.T) {
	var got *http.Request
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		got = r
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[{"type":"MSG","subAccountId":"*","url":"https://x"}]`))
	})
	hooks, err := c.ListWebhooks(context.Background(), "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f")
	if err != nil || len(hooks) != 1 {
		t.Fatal(hooks, err)
	}
	if got.Method != "GET" || got.URL.Path != "/api/v1/accounts/3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f/webhooks" ||
		got.Header.Get("Authorization") != "Bearer "+testKey || got.Header.Get("Accept") != "application/json" ||
		got.Header.Get("User-Agent") != "ua/1" {
		t.Errorf("request %s %s %v", got.Method, got.URL, got.Header)
	}
}

// A server that echoes the key back never gets it into an error.
func TestListWebhooks_keyNeverInErrors(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"8x8 error": func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(401)
			_, _ = w.Write([]byte(`{"code":1200,"message":"bad key ` + testKey + `","errorId":"` + testKey + `"}`))
		},
		"html": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(500)
			_, _ = w.Write([]byte("<p>" + r.Header.Get("Authorization") + "</p>"))
		},
		"bad 200": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"echo":"` + r.Header.Get("Authorization") + `"}`))
		},
		"wrong content type": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			_, _ = w.Write([]byte(r.Header.Get("Authorization")))
		},
	} {
		c := newTestClient(t, h)
		_, err := c.ListWebhooks(context.Background(), "3f2a9c1e7b4d4e8a9f6b2c5d8e1a4b7f")
		if err == nil {
			t.Fatalf("%s: no error", name)
		}
		if strings.Contains(err.Error(), testKey) {
			t.Errorf("%s: the key is in the error: %s", name, err)
		}
	}
}

func TestListWebhooks_errorTypes(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte("<html>login page</html>"))
	})
	_, err := c.ListWebhooks(context.Background(), "3f2a9c1e7b4d4e8a9f6b2c5d8e1a4b7f")
	var re *ResponseError
	if !errors.As(err, &re) || re.Status != "200 OK" || !strings.Contains(re.Problem, `expected Content-Type application/json, got "text/html"`) ||
		re.Excerpt != "<html>login page</html>" {
		t.Errorf("%#v", err)
	}

	c = newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // no answer: only the timeout ends the attempt
	}, func(c *Config) { c.RequestTimeout = 50 * time.Millisecond })
	_, err = c.ListWebhooks(context.Background(), "3f2a9c1e7b4d4e8a9f6b2c5d8e1a4b7f")
	var te *TransportError
	if !errors.As(err, &te) || te.Timeout != 50*time.Millisecond || !strings.Contains(err.Error(), "/webhooks: timed out after 50ms: ") {
		t.Errorf("%v", err)
	}
	// The client knows nothing of Terraform: the provider names attributes.
	if strings.Contains(err.Error(), "request_timeout") {
		t.Errorf("the client's error names a Terraform attribute: %v", err)
	}
}

func TestNew_rejects(t *testing.T) {
	for _, cfg := range []Config{
		{BaseURL: "https://x.example"},
		{BaseURL: "http://x.example", APIKey: "k"},
		{BaseURL: "https://x.example", APIKey: "k", MaxRetries: -1},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("%+v: no error", cfg)
		}
	}
}

// An API key with white space, a control or a non-ASCII character could
// never be sent (and would be retried as a network failure): New refuses it,
// without repeating it.
func TestNew_badAPIKey(t *testing.T) {
	for key, want := range map[string]string{
		"secret-key\n":    "the API key holds a line break (U+000A) at byte 11 of 11; API keys hold only printable ASCII characters, no white space",
		" secret-key":     "the API key holds a space (U+0020) at byte 1 of 11; API keys hold only printable ASCII characters, no white space",
		"secret\tkey":     "the API key holds a tab (U+0009) at byte 7 of 10; API keys hold only printable ASCII characters, no white space",
		"secret-key\r\n":  "the API key holds a carriage return (U+000D) at byte 11 of 12; API keys hold only printable ASCII characters, no white space",
		"secret\x00key":   "the API key holds a control character (U+0000) at byte 7 of 10; API keys hold only printable ASCII characters, no white space",
		"secr\u00e9t-key": "the API key holds a character that is not ASCII (U+00E9) at byte 5 of 11; API keys hold only printable ASCII characters, no white space",
		"secret\u00a0key": "the API key holds a character that is not ASCII (U+00A0) at byte 7 of 11; API keys hold only printable ASCII characters, no white space",
		"":                "an API key is required",
		"   ":             "the API key holds only white space (3 bytes)",
		"\n":              "the API key holds only white space (1 byte)",
		"Bearer secret-key": `the API key starts with the word Bearer, which is added to it (the key is sent as Authorization: Bearer <key>): ` +
			`give only the key, without "Bearer "`,
		"bearer\tsecret-key\n": `the API key starts with the word Bearer, which is added to it (the key is sent as Authorization: Bearer <key>): ` +
			`give only the key, without "Bearer "`,
	} {
		var hits atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
		c, err := New(Config{BaseURL: srv.URL, APIKey: key, MaxRetries: 2})
		if err == nil {
			_, err = c.ListWebhooks(context.Background(), account)
		}
		srv.Close()
		if err == nil || err.Error() != want {
			t.Errorf("%q:\ngot  %v\nwant %s", key, err, want)
		}
		if hits.Load() != 0 {
			t.Errorf("%q: %d requests", key, hits.Load())
		}
	}
}
