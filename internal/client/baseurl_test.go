package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

func TestParseBaseURL(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://chatapps.8x8.com":     true,
		"https://chatapps.8x8.com/":    true,
		"https://proxy.example/8x8":    true,
		"http://127.0.0.1:8080":        true,
		"http://127.9.9.9":             true,
		"http://localhost:1234":        true,
		"http://LocalHost:1234":        true,
		"http://[::1]:9":               true,
		"http://chatapps.8x8.com":      false,
		"http://10.0.0.1":              false,
		"http://localhost.example.com": false,
		"ftp://chatapps.8x8.com":       false,
		"chatapps.8x8.com":             false,
		"https://":                     false,
		"https://u:p@chatapps.8x8.com": false,
		"https://u@chatapps.8x8.com":   false,
		"https://chatapps.8x8.com?x=1": false,
		"https://chatapps.8x8.com?":    false,
		"https://chatapps.8x8.com#top": false,
		"https://chatapps.8x8.com#":    false,
		"":                             false,
		"https://%zz":                  false,
	} {
		_, err := ParseBaseURL(raw)
		if (err == nil) != ok {
			t.Errorf("%q: err %v, want ok=%v", raw, err, ok)
		}
	}
}

// A base URL's path is a prefix kept in front of /api/v1 (a proxy's, say),
// with its escaping as written; /api/v1 at its end is recognized, not
// doubled; the host's case does not matter.
func TestParseBaseURL_pathAndHost(t *testing.T) {
	for raw, want := range map[string]string{
		"https://chatapps.8x8.com":                "https://chatapps.8x8.com",
		"https://ChatApps.8x8.COM/":               "https://chatapps.8x8.com",
		"https://chatapps.8x8.com/api/v1":         "https://chatapps.8x8.com",
		"https://chatapps.8x8.com/api/v1/":        "https://chatapps.8x8.com",
		"https://proxy.example/8x8":               "https://proxy.example/8x8",
		"https://proxy.example/8x8//":             "https://proxy.example/8x8",
		"https://proxy.example/8x8/api/v1":        "https://proxy.example/8x8",
		"https://proxy.example/a%2Fb":             "https://proxy.example/a%2Fb",
		"https://proxy.example/a%2Fb/api/v1":      "https://proxy.example/a%2Fb",
		"https://proxy.example/api/v1/extra":      "https://proxy.example/api/v1/extra",
		"  https://proxy.example:8443/gw/api/v1 ": "https://proxy.example:8443/gw",
	} {
		u, err := ParseBaseURL(raw)
		if err != nil || u.String() != want {
			t.Errorf("%q: got %v, %v; want %s", raw, u, err, want)
		}
	}
}

// No error echoes a password or a user name given in the URL.
func TestParseBaseURL_neverEchoesUserInfo(t *testing.T) {
	for _, raw := range []string{
		"https://user:s3cret@chatapps.8x8.com",
		"https://s3cret@chatapps.8x8.com",
		"https://user:s3cret@%zz",
		"ftp://user:s3cret@chatapps.8x8.com",
		"http://user:s3cret@chatapps.8x8.com",
		"https://user:s3cret@",
	} {
		_, err := ParseBaseURL(raw)
		if err == nil || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%q: %v", raw, err)
		}
	}
	_, err := ParseBaseURL("https://user:s3cret@chatapps.8x8.com")
	if want := `"https://***@chatapps.8x8.com" must not hold a user name or password: the API key is the only credential sent`; err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// The request goes to the base URL's path prefix, then /api/v1/…, and
// every error names the whole URL called.
func TestListWebhooks_urlCalled(t *testing.T) {
	for prefix, wantPath := range map[string]string{
		"":             "/api/v1/accounts/" + account + "/webhooks",
		"/api/v1":      "/api/v1/accounts/" + account + "/webhooks",
		"/8x8":         "/8x8/api/v1/accounts/" + account + "/webhooks",
		"/8x8/api/v1/": "/8x8/api/v1/accounts/" + account + "/webhooks",
		"/a%2Fb":       "/a%2Fb/api/v1/accounts/" + account + "/webhooks",
	} {
		var got string
		var base string
		c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
			got = r.URL.EscapedPath()
			w.WriteHeader(http.StatusNotFound)
		}, func(c *Config) { base = c.BaseURL; c.BaseURL += prefix })
		_, err := c.ListWebhooks(context.Background(), account)
		if got != wantPath {
			t.Errorf("base path %q: the server saw %q, want %q", prefix, got, wantPath)
		}
		var apiErr *APIError
		if want := "GET " + base + wantPath + ": HTTP 404 Not Found: empty response body"; !errors.As(err, &apiErr) || err.Error() != want {
			t.Errorf("base path %q: got %v\nwant %s", prefix, err, want)
		}
	}
}

// The client checks an account id itself (8x8's pattern): an id that is
// not one is refused before any request, whatever the caller checked.
func TestListWebhooks_accountIDChecked(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) { hits.Add(1) })
	for _, id := range []string{
		"", "../../admin", "3f2a9c1e/7b4d-4e8a-9f6b-2c5d8e1a4b7f", "3f2a9c1e 7b4d 4e8a 9f6b 2c5d8e1a4b7f",
		"3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7", "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f?x", "3f2a9c1e%2F7b4d4e8a9f6b2c5d8e1a4b7f",
	} {
		_, err := c.ListWebhooks(context.Background(), id)
		if err == nil || !strings.Contains(err.Error(), "is not an 8x8 account id") {
			t.Errorf("%q: %v", id, err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("%d requests for invalid account ids", n)
	}
}

// A password cut by '#', '/' or '?' is not echoed by url.Parse's error.
func TestParseBaseURL_passwordCutBySeparatorsNeverEchoed(t *testing.T) {
	for _, raw := range []string{"https://u:Hunter2Secret#1@gw.example", "https://u:Hunter2Secret/1@gw.example", "https://u:Hunter2Secret?1@gw.example"} {
		if _, err := ParseBaseURL(raw); err == nil || strings.Contains(err.Error(), "Hunter2Secret") {
			t.Errorf("%s: %v", raw, err)
		}
	}
}

// An impossible port is refused at once, not retried as a network error.
func TestParseBaseURL_impossiblePortRefusedAtOnce(t *testing.T) {
	for _, raw := range []string{"https://chatapps.8x8.com:99999", "https://chatapps.8x8.com:0", "https://chatapps.8x8.com:"} {
		if _, err := ParseBaseURL(raw); err == nil || !strings.Contains(err.Error(), "has no valid port") {
			t.Errorf("%s: %v", raw, err)
		}
	}
	if _, err := ParseBaseURL("https://[::1]:443"); err != nil {
		t.Errorf("an IPv6 host with a port: %v", err)
	}
}
