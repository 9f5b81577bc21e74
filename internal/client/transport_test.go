package client

import (
	"context"
	"crypto/tls"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

func TestTLS_verificationAndCABundle(t *testing.T) {
	_, srv, caFile := emulator.NewTLSServer(t, "127.0.0.1")
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

	emu, srv, caFile := emulator.NewTLSServer(t, "127.0.0.1")
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
	_, srv, caFile := emulator.NewTLSServer(t, hosts...)
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
