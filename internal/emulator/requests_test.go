package emulator

import (
	"bufio"
	"fmt"
	"io"
	"net"
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

// Serve reads at most MaxHeaderBytes of request line and headers, to the
// byte (net/http's own bound, Server.MaxHeaderBytes, lets 4 KiB more
// through): a request of exactly MaxHeaderBytes is answered, one more byte
// gets 431. The requests it keeps stay small.
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
	for size, want := range map[int]int{
		MaxHeaderBytes:     http.StatusOK,
		MaxHeaderBytes + 1: http.StatusRequestHeaderFieldsTooLarge,
		2 * MaxHeaderBytes: http.StatusRequestHeaderFieldsTooLarge,
	} {
		if got := statusOfRequestOfSize(t, baseURL, size); got != want {
			t.Errorf("request line and headers of %d bytes: status %d, want %d", size, got, want)
		}
	}
}

// statusOfRequestOfSize sends, on a connection of its own, a request for
// the example account whose request line and headers (the blank line that
// ends them included) have exactly size bytes, and returns the status.
func statusOfRequestOfSize(t *testing.T, baseURL string, size int) int {
	t.Helper()
	host := strings.TrimPrefix(baseURL, "http://")
	head := "GET /api/v1/accounts/" + DefaultAccountID + "/webhooks HTTP/1.1\r\nHost: " + host +
		"\r\nAuthorization: Bearer " + DefaultAPIKey + "\r\nConnection: close\r\nX-Padding: "
	padding := size - len(head) - len("\r\n\r\n")
	if padding < 0 {
		t.Fatalf("a request of %d bytes is too short", size)
	}
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, head+strings.Repeat("x", padding)+"\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}
