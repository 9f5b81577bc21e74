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
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator/emulatortest"
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

// Every hint attached to a transport error names a proxy only when the
// request went through one, and then names that proxy and the variable it
// comes from: never HTTPS_PROXY for a loopback base_url or a host
// NO_PROXY exempts (both reach the client as "no proxy").
func TestTransportErrorText_proxyOnlyWhereOneIsUsed(t *testing.T) {
	path := "/api/v1/accounts/" + emulator.DefaultAccountID + "/webhooks"
	kinds := []client.Failure{client.FailureNetwork, client.FailureTimeout, client.FailureTLS, client.FailureNotTLS,
		client.FailureBody, client.FailureProtocol, client.FailureNotListening}
	for name, route := range map[string]client.TransportError{
		"loopback":      {Operation: "GET http://127.0.0.1:18088" + path, Address: "127.0.0.1:18088"},
		"direct":        {Operation: "GET https://chatapps.8x8.com" + path},
		"through proxy": {Operation: "GET https://chatapps.8x8.com" + path, Proxy: "http://127.0.0.1:3128", ProxyVar: "https_proxy", Address: "127.0.0.1:3128"},
	} {
		for _, kind := range kinds {
			if kind == client.FailureNotListening && name == "direct" {
				continue // only a loopback address refuses this way
			}
			e := route
			e.Kind, e.Attempts, e.Timeout, e.Err = kind, 1, time.Second, io.EOF
			summary, detail := transportErrorText(&e)
			text := summary + "\n" + detail
			switch {
			case e.Proxy == "" && strings.Contains(strings.ToLower(text), "proxy"):
				t.Errorf("%s, %s: no proxy was used, but the diagnostic names one:\n%s", name, kind, text)
			case e.Proxy != "" && (!strings.Contains(text, "127.0.0.1:3128") || !strings.Contains(text, "https_proxy") || strings.Contains(text, "HTTPS_PROXY")):
				t.Errorf("%s, %s: the diagnostic does not name the proxy used and its variable:\n%s", name, kind, text)
			}
		}
	}
}

// A 200 that is not a webhook list: the proxy it came through is named
// (without its password) as what may have answered; a loopback base_url is
// the server to check, and no proxy is mentioned, HTTPS_PROXY set or not.
func TestReadError_unusableResponseNamesOnlyTheProxyUsed(t *testing.T) {
	page := emulator.Response{Header: http.Header{"Content-Type": {"text/html"}}, Body: "<html>Sign in</html>"}
	emu, base := startEmulator(t)
	emu.Script(page)
	out := readDiagnostic(t, client.Config{BaseURL: base, APIKey: emulator.DefaultAPIKey, Getenv: testEnv{"HTTPS_PROXY": "http://proxy.corp:3128"}.get})
	if !strings.Contains(out, "The server base_url names, on this machine, may not be the 8x8 API or its emulator: check base_url.") ||
		strings.Contains(strings.ToLower(out), "proxy") {
		t.Errorf("loopback:\n%s", out)
	}

	tlsEmu, srv, ca := emulatortest.NewTLSServer(t, "chatapps.8x8.com")
	tlsEmu.Script(page)
	proxy := httptest.NewServer(&emulator.ConnectProxy{Target: srv.Listener.Addr().String()})
	t.Cleanup(proxy.Close)
	withPassword := strings.Replace(proxy.URL, "http://", "http://alice:s3cret@", 1)
	out = readDiagnostic(t, client.Config{BaseURL: "https://chatapps.8x8.com", APIKey: emulator.DefaultAPIKey, CACertFile: ca,
		Getenv: testEnv{"HTTPS_PROXY": withPassword}.get})
	if want := "The proxy " + proxy.URL + " (from HTTPS_PROXY) may have answered instead of 8x8 (a login or block page, say): check it, then base_url."; !strings.Contains(out, want) || strings.Contains(out, "s3cret") {
		t.Errorf("through a proxy:\n%s\nwant …%s", out, want)
	}
}

// A server on this machine that closes the connection without an answer is
// that server's problem, not a proxy's.
func TestReadError_loopbackNetworkFailureNamesNoProxy(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			_ = conn.Close()
		}
	}()
	out := readDiagnostic(t, client.Config{BaseURL: "http://" + ln.Addr().String(), APIKey: emulator.DefaultAPIKey,
		Getenv: testEnv{"HTTPS_PROXY": "http://proxy.corp:3128"}.get})
	if !strings.Contains(out, "The server base_url names, on this machine, closed or reset the connection without an answer") ||
		strings.Contains(strings.ToLower(out), "proxy") {
		t.Errorf("%s", out)
	}
}

// A server error's hint asks for the errorId only when the answer had one:
// a 502 from a gateway, or any body that is not 8x8's error, has none to
// quote, and may not come from 8x8 at all.
func TestAPIErrorDetail_serverErrorHintNamesErrorIDOnlyWhenThere(t *testing.T) {
	const op = "GET https://chatapps.8x8.com/api/v1/accounts/" + emulator.DefaultAccountID + "/webhooks"
	for name, tc := range map[string]struct {
		err  client.APIError
		want string
	}{
		"8x8 error with an errorId": {
			client.APIError{Operation: op, StatusCode: 500, Code: 5000, Message: "Internal error", ErrorID: "7c9e6679-7425-40de-944b-e07fc1f90ae7"},
			"8x8 error code: 5000\nMessage: Internal error\nerrorId: 7c9e6679-7425-40de-944b-e07fc1f90ae7 (quote it to 8x8 support)\n\n" +
				"8x8 had a server-side problem; run again later, and give the errorId to 8x8 support if it persists.",
		},
		"8x8 error without an errorId": {
			client.APIError{Operation: op, StatusCode: 503, Code: 5000, Message: "Unavailable", Timestamp: "2026-11-27T10:00:00Z"},
			"8x8 error code: 5000\nMessage: Unavailable\nTimestamp: 2026-11-27T10:00:00Z\n\n" +
				"8x8 had a server-side problem; run again later, and give 8x8 support the error code and the time if it persists.",
		},
		"a gateway's page": {
			client.APIError{Operation: op, StatusCode: 502, ContentType: "text/html", Excerpt: "<html>Bad Gateway</html>"},
			"The body is not an 8x8 error (Content-Type: text/html); it starts:\n<html>Bad Gateway</html>\n\n" +
				"The answer is not an 8x8 error, so it may come from a gateway or load balancer between Terraform and 8x8 rather than " +
				"from 8x8 (a 502 or 504 often does): run again later, and check base_url/region if it persists.",
		},
		"no body": {
			client.APIError{Operation: op, StatusCode: 504},
			"The response had no body.\n\n" +
				"The answer is not an 8x8 error, so it may come from a gateway or load balancer between Terraform and 8x8 rather than " +
				"from 8x8 (a 502 or 504 often does): run again later, and check base_url/region if it persists.",
		},
		"a server on this machine": {
			client.APIError{Operation: "GET http://127.0.0.1:18088/api/v1/accounts/" + emulator.DefaultAccountID + "/webhooks", StatusCode: 500, Excerpt: "oops"},
			"The body is not an 8x8 error (Content-Type: none); it starts:\noops\n\n" +
				"The server base_url names, on this machine, answered with a server error that is not an 8x8 error: check that server, and base_url.",
		},
	} {
		if got := apiErrorDetail(&tc.err); got != tc.want {
			t.Errorf("%s:\ngot  %q\nwant %q", name, got, tc.want)
		}
	}
}
