package emulator

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// serve has emu answer one request to path, directly, with header.
func serve(emu *Emulator, path string, header http.Header) {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for k, vs := range header {
		req.Header[k] = vs
	}
	rec := httptest.NewRecorder()
	emu.ServeHTTP(rec, req)
}

// The emulator keeps the last MaxRequests requests, oldest first, and
// counts them all: a long-running emulator does not grow with each one.
func TestRequests_keepsTheLast(t *testing.T) {
	emu := New()
	const n = MaxRequests*3 + 10
	for i := range n {
		serve(emu, fmt.Sprintf("/r/%d", i), nil)
	}
	reqs := emu.Requests()
	if len(reqs) != MaxRequests {
		t.Fatalf("%d requests kept after %d, want the last %d", len(reqs), n, MaxRequests)
	}
	for i, r := range reqs {
		if want := fmt.Sprintf("/r/%d", n-MaxRequests+i); r.Path != want {
			t.Fatalf("request %d kept is %s, want %s", i, r.Path, want)
		}
	}
	if c := emu.RequestCount(); c != n {
		t.Errorf("counted %d, want %d", c, n)
	}
	emu.ResetRequests()
	serve(emu, "/after", nil)
	if reqs, c := emu.Requests(), emu.RequestCount(); len(reqs) != 1 || reqs[0].Path != "/after" || c != 1 {
		t.Errorf("after ResetRequests: %d kept, %d counted; want /after only", len(reqs), c)
	}
}

// A request's Authorization keeps its credentials only when they are a key
// the emulator accepts: any other, perhaps a real 8x8 key, is not kept.
func TestRequests_keepNoUnknownCredentials(t *testing.T) {
	emu := New()
	const mistaken = "a-real-8x8-key-sent-by-mistake"
	for _, tc := range []struct{ sent, kept string }{
		{"Bearer " + DefaultAPIKey, "Bearer " + DefaultAPIKey},
		{"bearer " + DefaultAPIKey, "bearer " + DefaultAPIKey},
		{"Bearer " + mistaken, "Bearer ***"},
		{"Basic " + mistaken, "Basic ***"},
		{mistaken, "***"},
	} {
		emu.ResetRequests()
		serve(emu, "/api/v1/accounts/"+DefaultAccountID+"/webhooks", http.Header{"Authorization": {tc.sent}, "User-Agent": {"test"}})
		reqs := emu.Requests()
		if len(reqs) != 1 {
			t.Fatalf("%d requests kept", len(reqs))
		}
		h := reqs[0].Header
		if got := h.Values("Authorization"); len(got) != 1 || got[0] != tc.kept || h.Get("User-Agent") != "test" {
			t.Errorf("sent Authorization %q: kept %q (User-Agent %q), want %q", tc.sent, got, h.Get("User-Agent"), tc.kept)
		}
		if strings.Contains(fmt.Sprint(reqs), mistaken) {
			t.Errorf("the unknown key is kept: %v", reqs)
		}
	}
}

// Serve reads at most MaxHeaderBytes of request line and headers: the
// requests it keeps stay small.
func TestServe_boundsTheHeaders(t *testing.T) {
	baseURL, stop, err := New().Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	url := baseURL + "/api/v1/accounts/" + DefaultAccountID + "/webhooks"
	if status, _, _ := get(t, url, DefaultAPIKey); status != 200 {
		t.Errorf("a request of a provider's size: status %d", status)
	}
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("X-Padding", strings.Repeat("x", 2*MaxHeaderBytes))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("headers of %d bytes: status %d, want 431", 2*MaxHeaderBytes, resp.StatusCode)
	}
}
