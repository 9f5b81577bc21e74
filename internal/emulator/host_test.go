package emulator

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
)

// getHost GETs the example account through client from the server at
// addr, with host in the Host header.
func getHost(t *testing.T, client *http.Client, scheme, addr, host string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, scheme+"://"+addr+"/api/v1/accounts/"+DefaultAccountID+"/webhooks", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	req.Header.Set("Authorization", "Bearer "+DefaultAPIKey)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body
}

// checkMisdirected checks a 421 in 8x8's error shape that names the Host
// given and those expected.
func checkMisdirected(t *testing.T, status int, body []byte, host, expected string) {
	t.Helper()
	var e struct {
		Code      int    `json:"code"`
		Message   string `json:"message"`
		ErrorID   string `json:"errorId"`
		Timestamp string `json:"timestamp"`
	}
	if err := json.Unmarshal(body, &e); err != nil || status != http.StatusMisdirectedRequest || e.Code != CodeInvalidParameter ||
		len(e.ErrorID) != 36 || e.Timestamp == "" {
		t.Errorf("Host %q: status %d, body %s (%v); want 421 in 8x8's error shape", host, status, body, err)
	}
	if want := "Misdirected request: Host " + quote(host) + " is not this emulator's address; expected Host " + expected; e.Message != want {
		t.Errorf("Host %q: message %q\nwant %q", host, e.Message, want)
	}
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }

// A web page that makes its own name resolve to 127.0.0.1 (DNS rebinding)
// reaches the emulator with its name in the Host header: refused, as is
// any Host but the address served and its loopback names. A refused
// request takes no scripted response and is not counted.
func TestHost_onlyTheAddressServed(t *testing.T) {
	emu := New()
	srv := httptest.NewServer(emu)
	defer srv.Close()
	addr := srv.Listener.Addr().String()
	_, port, _ := net.SplitHostPort(addr)
	emu.Script(JSONResponse(`[]`))
	expected := "127.0.0.1:" + port + ", localhost:" + port + " or [::1]:" + port
	for _, host := range []string{
		"rebind.example:" + port, "rebind.example", "localhost.rebind.example:" + port,
		"127.0.0.1:1", "localhost", "127.0.0.1", "[::1]", "0.0.0.0:" + port, "",
	} {
		status, body := getHost(t, srv.Client(), "http", addr, host)
		if host == "" { // the client writes the URL's host
			if status != 200 || string(body) != "[]" {
				t.Errorf("no Host given: status %d, %s; want the scripted []", status, body)
			}
			continue
		}
		checkMisdirected(t, status, body, host, expected)
	}
	for _, host := range []string{addr, "localhost:" + port, "LocalHost:" + port, "[::1]:" + port, "[0:0::1]:" + port} {
		if status, body := getHost(t, srv.Client(), "http", addr, host); status != 200 {
			t.Errorf("Host %q: status %d, %s", host, status, body)
		}
	}
	if n := emu.RequestCount(); n != 6 {
		t.Errorf("%d requests counted, want the 6 answered", n)
	}
}

// Over TLS, the names of the certificate are accepted too, with any port:
// directly, or through the test proxy as the provider reaches 8x8's region
// hosts; another name is refused.
func TestHost_TLSNamesAndProxy(t *testing.T) {
	emu := New()
	dir := t.TempDir()
	srv, caFile, err := emu.StartTLS(dir, "chatapps.8x8.com")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	pem, err := os.ReadFile(caFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	addr := srv.Listener.Addr().String()
	_, port, _ := net.SplitHostPort(addr)
	direct := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, ServerName: "chatapps.8x8.com"}}}
	for _, host := range []string{"chatapps.8x8.com", "chatapps.8x8.com:443", "CHATAPPS.8x8.com:" + port, addr, "localhost:" + port} {
		if status, body := getHost(t, direct, "https", addr, host); status != 200 {
			t.Errorf("Host %q: status %d, %s", host, status, body)
		}
	}
	status, body := getHost(t, direct, "https", addr, "rebind.example")
	checkMisdirected(t, status, body, "rebind.example", "127.0.0.1:"+port+", localhost:"+port+", [::1]:"+port+" or chatapps.8x8.com")

	proxy := httptest.NewServer(&ConnectProxy{Target: addr})
	defer proxy.Close()
	proxyURL, _ := url.Parse(proxy.URL)
	viaProxy := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxyURL), TLSClientConfig: &tls.Config{RootCAs: pool}}}
	if status, body := getHost(t, viaProxy, "https", "chatapps.8x8.com", ""); status != 200 {
		t.Errorf("through the proxy: status %d, %s", status, body)
	}
}

// A listener on every interface (0.0.0.0, [::]) takes the address each
// connection reached: another machine's request to 192.0.2.10:18088 names
// that address, and loopback names are for connections to loopback.
func TestHost_listenerOnEveryInterface(t *testing.T) {
	emu := New()
	for _, tc := range []struct {
		local, host string
		status      int
	}{
		{"192.0.2.10", "192.0.2.10:18088", 200},
		{"192.0.2.10", "localhost:18088", 421},
		{"192.0.2.10", "127.0.0.1:18088", 421},
		{"192.0.2.10", "rebind.example:18088", 421},
		{"::ffff:127.0.0.1", "127.0.0.1:18088", 200},
		{"::ffff:127.0.0.1", "localhost:18088", 200},
		{"2001:db8::1", "[2001:db8::1]:18088", 200},
		{"2001:db8::1", "[::1]:18088", 421},
	} {
		req := httptest.NewRequest(http.MethodGet, "/api/v1/accounts/"+DefaultAccountID+"/webhooks", nil)
		req.Host = tc.host
		req.Header.Set("Authorization", "Bearer "+DefaultAPIKey)
		local := &net.TCPAddr{IP: net.ParseIP(tc.local), Port: 18088}
		req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, local))
		rec := httptest.NewRecorder()
		emu.ServeHTTP(rec, req)
		if rec.Code != tc.status || (tc.status == 421 && !strings.Contains(rec.Body.String(), "expected Host ")) {
			t.Errorf("a connection to %s with Host %q: status %d, %s; want %d", tc.local, tc.host, rec.Code, rec.Body, tc.status)
		}
	}
}
