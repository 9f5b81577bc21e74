package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
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
		time.Sleep(300 * time.Millisecond)
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
