package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestParseAPIError_8x8(t *testing.T) {
	e := offline(t).parseAPIError("GET /x", 401, "401 Unauthorized", "application/json",
		[]byte(`{"code":1200,"message":"Request was not authenticated properly","errorId":"db9dced4-3534-4d86-9d18-6b448af0d621","timestamp":"2018-08-02T09:42:38.8988997+00:00"}`))
	if !e.Is8x8() || e.Code != 1200 || e.Message != "Request was not authenticated properly" ||
		e.ErrorID != "db9dced4-3534-4d86-9d18-6b448af0d621" || e.Timestamp != "2018-08-02T09:42:38.8988997+00:00" || e.Excerpt != "" {
		t.Errorf("%+v", e)
	}
	want := "GET /x: HTTP 401 Unauthorized: 8x8 error code 1200: Request was not authenticated properly (errorId db9dced4-3534-4d86-9d18-6b448af0d621)"
	if e.Error() != want {
		t.Errorf("got  %s\nwant %s", e.Error(), want)
	}
}

func TestParseAPIError_notJSON(t *testing.T) {
	html := "<html>\n<head><title>502 Bad Gateway</title></head>\n\x00\x01<body>" + strings.Repeat("x", 500) + "</body></html>"
	e := offline(t).parseAPIError("GET /x", 502, "502 Bad Gateway", "text/html", []byte(html))
	if e.Is8x8() || !strings.HasPrefix(e.Excerpt, "<html> <head><title>502 Bad Gateway</title></head> <body>xxx") ||
		!strings.HasSuffix(e.Excerpt, "…") || len([]rune(e.Excerpt)) != excerptRunes+1 {
		t.Errorf("excerpt %q", e.Excerpt)
	}
	if !strings.Contains(e.Error(), `response body (text/html): "<html>`) {
		t.Errorf("%s", e.Error())
	}
	// JSON that is not an 8x8 error is quoted, not trusted.
	e = offline(t).parseAPIError("GET /x", 500, "500 Internal Server Error", "application/json", []byte(`{"error":"boom"}`))
	if e.Is8x8() || e.Excerpt != `{"error":"boom"}` {
		t.Errorf("%+v", e)
	}
	e = offline(t).parseAPIError("GET /x", 503, "503 Service Unavailable", "", nil)
	if e.Error() != "GET /x: HTTP 503 Service Unavailable: empty response body" {
		t.Errorf("%s", e.Error())
	}
}

// An APIError says whether the answer came from another URL than the one
// asked for, from the URLs themselves: a base URL whose path masking
// changes (a credential-like member in it) or a long one was taken for a
// redirect because the masked text differed.
func TestAPIError_redirectedOnlyWhenRedirected(t *testing.T) {
	for name, tc := range map[string]struct {
		path     string
		redirect bool
	}{
		"plain":                       {"/api", false},
		"credential-like in the path": {"/token=abc123", false},
		"long path":                   {"/" + strings.Repeat("p", 600), false},
		"redirected":                  {"/api", true},
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tc.redirect && !strings.HasPrefix(r.URL.Path, "/moved") {
					http.Redirect(w, r, "/moved"+r.URL.Path, http.StatusFound)
					return
				}
				http.NotFound(w, r)
			}))
			t.Cleanup(srv.Close)
			c, err := New(Config{BaseURL: srv.URL + tc.path, APIKey: testKey, MaxRetries: 0, RequestTimeout: 10 * time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.ListWebhooks(context.Background(), account)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 {
				t.Fatalf("%v", err)
			}
			if apiErr.Redirected != tc.redirect || (!tc.redirect && apiErr.URL != apiErr.Requested) {
				t.Errorf("Redirected %v, URL %q, Requested %q", apiErr.Redirected, apiErr.URL, apiErr.Requested)
			}
		})
	}
}
