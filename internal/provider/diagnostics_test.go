package provider

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// readDiagnostic reads the default account with a client of cfg (one
// attempt, with a timeout no answer here reaches) and returns the
// diagnostic a user would see.
func readDiagnostic(t *testing.T, cfg client.Config) string {
	t.Helper()
	cfg.RequestTimeout = 10 * time.Minute
	c, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListWebhooks(context.Background(), emulator.DefaultAccountID)
	var d diag.Diagnostics
	addReadError(&d, emulator.DefaultAccountID, err)
	var b strings.Builder
	for _, x := range d {
		b.WriteString(x.Summary() + "\n" + x.Detail() + "\n")
	}
	return b.String()
}

// A same-host redirect whose target holds the key, then a 404: the hint
// quoted the target unredacted and blamed a base_url prefix never set.
func TestReadError_redirectTargetMaskedInNotFoundHint(t *testing.T) {
	const key = "sk-live-7f3a9c2e1b4d8a6f"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			http.Redirect(w, r, "/echo/"+key+"/x?auth="+key, http.StatusFound)
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	out := readDiagnostic(t, client.Config{BaseURL: srv.URL, APIKey: key})
	if strings.Contains(out, key) || strings.Contains(out, "path prefix") || !strings.Contains(out, "The server redirected the request to") {
		t.Errorf("the diagnostic:\n%s", out)
	}
}

// httpAuthorization and clientSecret values a server sends in clear do not
// reach a diagnostic's excerpt of the body.
func TestReadError_webhookSecretsMaskedInExcerpt(t *testing.T) {
	emu, url := startEmulator(t)
	emu.Script(emulator.JSONResponse(`[{"subAccountId":"*","url":"https://a.example","httpAuthorization":"Basic UNMASKED-HTTP-AUTH",` +
		`"oauth":{"clientSecret":"UNMASKED-CLIENT-SECRET"}},{"subAccountId":"*"}]`))
	out := readDiagnostic(t, client.Config{BaseURL: url, APIKey: emulator.DefaultAPIKey})
	for _, s := range []string{"UNMASKED-HTTP-AUTH", "UNMASKED-CLIENT-SECRET"} {
		if strings.Contains(out, s) || !strings.Contains(out, "url is missing") {
			t.Errorf("the diagnostic holds %s:\n%s", s, out)
		}
	}
}

// A proxy that says 200 to CONNECT and then answers in plain HTTP is named,
// not base_url's port.
func TestReadError_proxyAnsweringInPlainHTTPIsNamed(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				br := bufio.NewReader(conn)
				if _, err := http.ReadRequest(br); err != nil {
					return
				}
				_, _ = conn.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n"))
				_, _ = br.Read(make([]byte, 4096)) // the ClientHello
				_, _ = conn.Write([]byte("HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\n\r\n<html>blocked by policy</html>"))
				// Closed by the client, once it has read the answer: closing
				// first could reset the connection before it does.
				_ = conn.SetReadDeadline(time.Now().Add(time.Minute))
				_, _ = io.Copy(io.Discard, conn)
			}()
		}
	}()
	proxy, err := url.Parse("http://" + ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	out := readDiagnostic(t, client.Config{BaseURL: "https://chatapps.8x8.com", APIKey: emulator.DefaultAPIKey,
		Proxy: func(*url.URL) (*url.URL, error) { return proxy, nil }})
	if !strings.Contains(out, "came through the proxy "+proxy.String()) || strings.Contains(out, "The server at base_url") {
		t.Errorf("the diagnostic does not name the proxy:\n%s", out)
	}
}

// closedLoopback is a loopback address nothing listens on.
func closedLoopback(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return addr
}

// Nothing listening on a loopback base_url (an emulator not started) is
// said plainly, at once, without a proxy hint (no proxy is used for it);
// nothing listening where HTTPS_PROXY puts the proxy names the variable,
// without the proxy's password.
func TestReadError_nothingListeningOnLoopback(t *testing.T) {
	addr := closedLoopback(t)
	noWait := func(int, time.Duration) time.Duration { return 0 }
	out := readDiagnostic(t, client.Config{BaseURL: "http://" + addr, APIKey: emulator.DefaultAPIKey, MaxRetries: 4, RetryWait: noWait,
		Getenv: testEnv{"HTTPS_PROXY": "http://proxy.corp:3128"}.get})
	want := "Cannot reach the 8x8 API: nothing is listening on " + addr + ": GET http://" + addr + "/api/v1/accounts/" + emulator.DefaultAccountID +
		"/webhooks\nNothing is listening on " + addr + ", on this machine: the connection was refused. Start the server base_url names " +
		"(the in-repo emulator: make emulator, with EMULATOR_ADDR for another address than 127.0.0.1:18088), or correct base_url. " +
		"Not retried: this machine answers at once, and nothing starts listening because a request waits (a script that starts a " +
		"server should wait until it is ready).\n\nAttempts: 1\n"
	if !strings.HasPrefix(out, want) || strings.Contains(strings.ToLower(out), "proxy") {
		t.Errorf("got\n%s\nwant\n%s…", out, want)
	}

	out = readDiagnostic(t, client.Config{BaseURL: "https://chatapps.8x8.com", APIKey: emulator.DefaultAPIKey, MaxRetries: 4, RetryWait: noWait,
		Getenv: testEnv{"https_proxy": "http://alice:s3cret@" + addr}.get})
	want = "Cannot reach the 8x8 API: nothing is listening on " + addr + ": GET https://chatapps.8x8.com/api/v1/accounts/" + emulator.DefaultAccountID +
		"/webhooks\nNothing is listening on " + addr + ", on this machine, where https_proxy says the proxy is: the connection to it was " +
		"refused. Start the proxy, or correct https_proxy (or unset it to connect directly). Not retried:"
	if !strings.HasPrefix(out, want) || strings.Contains(out, "s3cret") || !strings.Contains(out, "Attempts: 1\n") {
		t.Errorf("got\n%s\nwant\n%s…", out, want)
	}
}
