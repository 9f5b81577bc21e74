package client

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/http/httpproxy"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator/emulatortest"
)

func TestTLS_verificationAndCABundle(t *testing.T) {
	_, srv, caFile := emulatortest.NewTLSServer(t, "127.0.0.1")
	// Without the CA the server is not trusted, and that is not retried.
	_, err := emulatorClient(t, Config{BaseURL: srv.URL, MaxRetries: 3}).ListWebhooks(context.Background(), emulator.DefaultAccountID)
	var te *TransportError
	if !errors.As(err, &te) || te.Attempts != 1 || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("untrusted server: %v", err)
	}
	hooks, err := emulatorClient(t, Config{BaseURL: srv.URL, CACertFile: caFile}).ListWebhooks(context.Background(), emulator.DefaultAccountID)
	if err != nil || len(hooks) != 4 {
		t.Errorf("with ca_cert_file: %v %v", hooks, err)
	}
}

func TestTLS_minimumVersion(t *testing.T) {
	certs, _ := emulator.NewCertificates("127.0.0.1")
	srv := httptest.NewUnstartedServer(emulator.New())
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{certs.Server}, MaxVersion: tls.VersionTLS11}
	srv.StartTLS()
	defer srv.Close()
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	_ = os.WriteFile(caFile, certs.CAPEM, 0o600)
	_, err := emulatorClient(t, Config{BaseURL: srv.URL, CACertFile: caFile}).ListWebhooks(context.Background(), emulator.DefaultAccountID)
	if err == nil || !strings.Contains(err.Error(), "protocol version") {
		t.Errorf("TLS 1.1 server: %v", err)
	}
}

func TestRedirects(t *testing.T) {
	// Another host that would capture the key.
	var stolen atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { stolen.Add(1) }))
	defer other.Close()
	otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1) // same IP, another host name

	emu, srv, caFile := emulatortest.NewTLSServer(t, "127.0.0.1")
	path := "/api/v1/accounts/" + emulator.DefaultAccountID + "/webhooks"
	redirect := func(to string) emulator.Response {
		return emulator.Response{Status: http.StatusFound, Header: http.Header{"Location": {to}}}
	}
	c := emulatorClient(t, Config{BaseURL: srv.URL, CACertFile: caFile, MaxRetries: 2})

	for name, to := range map[string]string{
		"another host":    otherURL + path,
		"https to http":   strings.Replace(srv.URL, "https://", "http://", 1) + path,
		"another host ip": other.URL + path,
	} {
		emu.Script(redirect(to))
		_, err := c.ListWebhooks(context.Background(), emulator.DefaultAccountID)
		var re *RedirectError
		if !errors.As(err, &re) {
			t.Errorf("%s: %v", name, err)
		}
		if strings.Contains(err.Error(), emulator.DefaultAPIKey) {
			t.Errorf("%s: key in error", name)
		}
	}
	if n := stolen.Load(); n != 0 {
		t.Errorf("the other host got %d requests", n)
	}
	if n := emu.RequestCount(); n != 3 {
		t.Errorf("redirect refusals must not be retried: %d requests", n)
	}

	// A redirect on the same host is followed, with the key.
	emu.ResetRequests()
	emu.Script(redirect(path))
	hooks, err := c.ListWebhooks(context.Background(), emulator.DefaultAccountID)
	if err != nil || len(hooks) != 4 {
		t.Fatalf("same-host redirect: %v %v", hooks, err)
	}
	if reqs := emu.Requests(); len(reqs) != 2 || reqs[1].Header.Get("Authorization") != "Bearer "+emulator.DefaultAPIKey {
		t.Errorf("requests %+v", reqs)
	}
}

// Each region's host is reached through an HTTPS proxy, and a CA bundle
// makes the (emulated) host trusted.
func TestProxyAndRegionHosts(t *testing.T) {
	hosts := []string{}
	for _, u := range Regions {
		hosts = append(hosts, strings.TrimPrefix(u, "https://"))
	}
	_, srv, caFile := emulatortest.NewTLSServer(t, hosts...)
	proxy := &emulator.ConnectProxy{Target: srv.Listener.Addr().String()}
	psrv := httptest.NewServer(proxy)
	defer psrv.Close()
	proxyURL, _ := url.Parse(psrv.URL)
	for _, region := range RegionNames() {
		c := emulatorClient(t, Config{
			BaseURL: Regions[region], CACertFile: caFile,
			Proxy: func(*url.URL) (*url.URL, error) { return proxyURL, nil },
		})
		if hooks, err := c.ListWebhooks(context.Background(), emulator.DefaultAccountID); err != nil || len(hooks) != 4 {
			t.Errorf("%s: %v %v", region, hooks, err)
		}
	}
	got := strings.Join(proxy.Targets(), " ")
	if want := "chatapps.8x8.com:443 chatapps.8x8.uk:443 chatapps.8x8.id:443 chatapps.us.8x8.com:443"; got != want {
		t.Errorf("tunnels %q, want %q", got, want)
	}
}

// A plain-http base URL (loopback only) never goes through a proxy, whatever
// the case of "localhost": HTTP_PROXY would see the key in clear text.
func TestProxy_neverForPlainHTTP(t *testing.T) {
	var proxied atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		proxied.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer proxy.Close()
	emu := emulator.New()
	srv := httptest.NewServer(emu)
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	fromEnv := (&httpproxy.Config{HTTPProxy: proxy.URL, HTTPSProxy: proxy.URL}).ProxyFunc()
	for _, host := range []string{"LocalHost", "LOCALHOST", "localhost", "127.0.0.1"} {
		c := emulatorClient(t, Config{BaseURL: "http://" + host + ":" + port, Proxy: fromEnv})
		if hooks, err := c.ListWebhooks(context.Background(), emulator.DefaultAccountID); err != nil || len(hooks) != 4 {
			t.Errorf("%s: %v %v", host, hooks, err)
		}
	}
	if n := proxied.Load(); n != 0 {
		t.Errorf("the proxy received %d plain-http requests", n)
	}
}

// With a plain-http base URL, the client connects to loopback addresses
// only: a "localhost" that resolves elsewhere cannot carry the key.
func TestDial_plainHTTPOnlyToLoopback(t *testing.T) {
	dialer := func(c *Client) func(context.Context, string, string) (net.Conn, error) {
		t.Helper()
		tr, ok := c.http.HTTPClient.Transport.(*http.Transport)
		if !ok {
			t.Fatalf("transport %T", c.http.HTTPClient.Transport)
		}
		return tr.DialContext
	}
	dial := dialer(emulatorClient(t, Config{BaseURL: "http://localhost:8080"}))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, err := dial(ctx, "tcp", "192.0.2.1:8080") // TEST-NET-1: what a hostile resolver might answer
	if err == nil || !strings.Contains(err.Error(), "refused to connect to 192.0.2.1:8080: a plain-http base URL may only reach a loopback address") {
		t.Errorf("got %v", err)
	}
	// Not retried: it cannot succeed.
	if retryableError(err) {
		t.Errorf("%v is retried", err)
	}
	// An https base URL may reach any address (through a proxy too).
	dial = dialer(emulatorClient(t, Config{BaseURL: "https://chatapps.8x8.com"}))
	ctx, cancel = context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = dial(ctx, "tcp", "192.0.2.1:443")
	if err != nil && strings.Contains(err.Error(), "loopback") {
		t.Errorf("https dial refused: %v", err)
	}
}

// A server that refuses the TLS handshake with an alert (here: TLS 1.1
// only) is a final TLS failure, not a network one.
func TestTLS_serverAlertIsFinal(t *testing.T) {
	certs, err := emulator.NewCertificates("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, certs.CAPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{certs.Server}, MaxVersion: tls.VersionTLS11}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, APIKey: testKey, CACertFile: caFile, MaxRetries: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListWebhooks(context.Background(), account)
	var te *TransportError
	if !errors.As(err, &te) || te.Attempts != 1 || te.Kind != FailureTLS {
		t.Errorf("%v", err)
	}
}

// A proxy refusing the tunnel with a 5xx is retried, as the docs say; with
// a 4xx it is not.
func TestProxy_refusalRetriedOnlyOn5xx(t *testing.T) {
	for status, want := range map[string]int32{"502 Bad Gateway": 4, "403 Forbidden": 1} {
		proxy, conns := rawServer(t, "HTTP/1.1 "+status+"\r\nContent-Length: 0\r\n\r\n")
		pu, err := url.Parse("http://" + proxy)
		if err != nil {
			t.Fatal(err)
		}
		c, err := New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: testKey, MaxRetries: 3, RetryWaitMin: time.Millisecond,
			RetryWaitMax: time.Millisecond, Proxy: func(*url.URL) (*url.URL, error) { return pu, nil }})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.ListWebhooks(context.Background(), account)
		if n := conns.Load(); n != want {
			t.Errorf("%s: %d connections, want %d: %v", status, n, want, err)
		}
	}
}

// The client closes its connection once a response is read, so bytes a
// server writes after it are never read by an idle connection, which
// net/http would print raw ("Unsolicited response received on idle HTTP
// channel", the API key in them too) through Go's standard logger.
func TestTransport_noIdleConnectionKept(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	closed := make(chan error, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			closed <- err
			return
		}
		defer conn.Close()
		_, _ = bufio.NewReader(conn).ReadString('\n') // the request line; the rest is not needed
		_, _ = conn.Write([]byte("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]" +
			"HTTP/1.1 200 OK\r\nX-Echo: Bearer " + testKey + "\r\n\r\n"))
		_ = conn.SetReadDeadline(time.Now().Add(deadline))
		_, err = io.Copy(io.Discard, conn) // returns once the client closes
		closed <- err
	}()
	var logged lockedBuffer
	log.SetOutput(&logged)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	c, err := New(Config{BaseURL: "http://" + ln.Addr().String(), APIKey: testKey, MaxRetries: 0, RequestTimeout: 10 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListWebhooks(context.Background(), account); err != nil {
		t.Fatal(err)
	}
	if err := <-closed; err != nil {
		t.Errorf("the client kept the connection open (idle, reading what the server sends): %v", err)
	}
	if text := logged.String(); text != "" {
		t.Errorf("Go's standard logger printed: %s", text)
	}
}

// lockedBuffer is a bytes.Buffer safe for concurrent writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
