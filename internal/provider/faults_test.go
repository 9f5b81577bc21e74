package provider

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator/emulatortest"
)

func retryAfter(status int, after string) emulator.Response {
	r := emulator.ErrorResponse(status, map[int]int{429: emulator.CodeRateLimited}[status]+map[bool]int{true: emulator.CodeInternal}[status >= 500], "transient")
	if after != "" {
		r.Header.Set("Retry-After", after)
	}
	return r
}

// noTimeout is a request_timeout no answer in these tests reaches (10m is
// the most it may be), so that a slow machine never turns an answer into a
// timeout, nor a timeout into a retry that gets another answer.
const noTimeout = `request_timeout = "10m"`

// oneShot is the provider settings for an answer scripted once: a single
// attempt, which gets the scripted answer however slow the machine.
var oneShot = []string{"max_retries = 0", noTimeout}

// Transient failures are retried until the API answers. The waits the
// policy computes are recorded and not slept: Retry-After is honored on a
// 429 and a 503, ignored on the 5xx the backoff covers, which doubles from
// 1 s with each attempt, less up to half of it (jitter).
func TestFaults_retriedUntilSuccess(t *testing.T) {
	emu, url := startEmulator(t)
	emu.Script(retryAfter(429, "1"), retryAfter(503, "0"), retryAfter(502, ""), retryAfter(504, "0"), retryAfter(500, "0"))
	var mu sync.Mutex
	var attempts []int
	var waits []time.Duration
	record := func(cfg *client.Config) {
		cfg.RetryWait = func(attempt int, computed time.Duration) time.Duration {
			mu.Lock()
			defer mu.Unlock()
			attempts, waits = append(attempts, attempt), append(waits, computed)
			return 0
		}
	}
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			TypeName: func() (tfprotov6.ProviderServer, error) {
				p := testProvider(nil)
				p.clientConfig = record
				return newServer(p), nil
			},
		},
		Steps: []resource.TestStep{{
			Config:            providerConfig(url, "max_retries = 5", noTimeout) + webhooksConfig(emulator.DefaultAccountID),
			ConfigStateChecks: readsFourWebhooks,
		}},
	})
	if n := emu.RequestCount(); n < 6 {
		t.Errorf("%d requests; want 5 failures and a success", n)
	}
	mu.Lock()
	defer mu.Unlock()
	want := []struct{ min, max time.Duration }{
		{time.Second, time.Second},         // 429, Retry-After: 1
		{0, 0},                             // 503, Retry-After: 0
		{2 * time.Second, 4 * time.Second}, // 502 after attempt 3: 2^2 s
		{4 * time.Second, 8 * time.Second}, // 504: its Retry-After ignored
		{8 * time.Second, 16 * time.Second},
	}
	if !slices.Equal(attempts, []int{1, 2, 3, 4, 5}) {
		t.Fatalf("waits after attempts %v, want after 1 to 5", attempts)
	}
	for i, w := range want {
		if waits[i] < w.min || waits[i] > w.max {
			t.Errorf("the wait after attempt %d is %s, want %s to %s", i+1, waits[i], w.min, w.max)
		}
	}
}

// A 401 is final: sent once however many retries are allowed.
func TestFaults_unauthorizedSentOnce(t *testing.T) {
	emu, url := startEmulator(t)
	t.Cleanup(func() {
		if n := emu.RequestCount(); n != 1 {
			t.Errorf("a 401 was sent %d times", n)
		}
	})
	config := strings.Replace(providerConfig(url, "max_retries = 4", noTimeout), emulator.DefaultAPIKey, "not-the-key", 1)
	unitTest(t, nil, resource.TestStep{
		Config:      config + webhooksConfig(emulator.DefaultAccountID),
		ExpectError: errorRe("returned HTTP 401 Unauthorized", "8x8 error code: 1200"),
	})
}

// After the last attempt the diagnostic gives the attempts and the last
// response's status, code and errorId.
func TestFaults_retriesExhausted(t *testing.T) {
	emu, url := startEmulator(t)
	last := emulator.Response{Status: 500, Header: http.Header{"Content-Type": {"application/json"}},
		Body: `{"code":2003,"message":"Unsupported product","errorId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","timestamp":"2026-11-27T10:00:00Z"}`}
	emu.Script(retryAfter(503, "0"), retryAfter(429, "0"), last)
	unitTest(t, nil, resource.TestStep{
		Config: providerConfig(url, "max_retries = 2", noTimeout) + webhooksConfig(emulator.DefaultAccountID),
		ExpectError: errorRe("returned HTTP 500 Internal Server Error after 3 attempts", "8x8 error code: 2003",
			"Unsupported product", "errorId: 7c9e6679-7425-40de-944b-e07fc1f90ae7", "Attempts: 3"),
	})
}

// A server that never answers is cut off by request_timeout, retried, and
// reported as a timeout naming request_timeout.
func TestFaults_hangTimesOut(t *testing.T) {
	emu, url := startEmulator(t)
	emu.Script(emulator.Response{Hang: true}, emulator.Response{Delay: 10 * time.Second})
	unitTest(t, nil, resource.TestStep{
		Config:      providerConfig(url, "max_retries = 1", `request_timeout = "1s"`) + webhooksConfig(emulator.DefaultAccountID),
		ExpectError: errorRe("8x8 API request timed out", "after 2 attempts", "request_timeout (1s)"),
	})
}

// Nothing listening on a loopback base_url (an emulator not started) is
// reported at once, saying so, however many retries are allowed.
func TestFaults_nothingListeningOnLoopback(t *testing.T) {
	addr := closedLoopback(t)
	unitTest(t, testEnv{"HTTPS_PROXY": "http://proxy.corp:3128"}, resource.TestStep{
		Config: providerConfig("http://"+addr, "max_retries = 4") + webhooksConfig(emulator.DefaultAccountID),
		ExpectError: errorRe("Cannot reach the 8x8 API: nothing is listening on "+addr+": GET http://"+addr,
			"Nothing is listening on "+addr+", on this machine: the connection was refused. Start the server base_url names "+
				"(the in-repo emulator: make emulator", "or correct base_url. Not retried:", "Attempts: 1",
			"dial tcp "+addr+": connect: connection refused"),
	})
}

// Every broken 200 answer is a clear diagnostic naming what was wrong. The
// broken answer is scripted once: one attempt, with no timeout to cut a big
// body short (a retry would get the account's good answer).
func TestFaults_badBodies(t *testing.T) {
	json := http.Header{"Content-Type": {"application/json"}}
	for name, tc := range map[string]struct {
		resp emulator.Response
		want []string
	}{
		"malformed": {emulator.Response{Header: json, Body: `[{"url": "a",,}]`},
			[]string{"Unusable response from GET", "HTTP 200 OK", "malformed JSON at byte"}},
		"truncated": {emulator.Response{Header: json, Body: `[{"subAccountId":"*","url":"https://a"`},
			[]string{"Unusable response", "webhook #1: truncated JSON body"}},
		"element without url": {emulator.Response{Header: json, Body: `[{"subAccountId":"*","url":"u"},{"type":"MSG","subAccountId":"*"}]`},
			[]string{"Unusable response", `webhook #2 (type "MSG", subAccountId "*"): url is missing or empty (8x8 requires subAccountId and url)`}},
		"null element": {emulator.Response{Header: json, Body: `[{"subAccountId":"*","url":"u"},null]`},
			[]string{"Unusable response", "webhook #2 is null, expected a JSON object"}},
		"empty objects": {emulator.Response{Header: json, Body: `[`, Fill: `{},`, FillBytes: 32 << 20},
			[]string{"Unusable response", "webhook #1: subAccountId is missing or empty (8x8 requires subAccountId and url)"}},
		"too many webhooks": {emulator.Response{Header: json, Body: `[`, Fill: `{"subAccountId":"*","url":"u"},`, FillBytes: 31 * 100_001},
			[]string{"Unusable response", "the response lists more than 100000 webhooks, the most one read accepts"}},
		"white space": {emulator.Response{Header: json, Body: `[`, Fill: ` `, FillBytes: 32<<20 - 2},
			[]string{"Unusable response", "truncated JSON body"}},
		"object": {emulator.Response{Header: json, Body: `{"webhooks":[]}`},
			[]string{"Unusable response", "expected a JSON array of webhooks, got a JSON object"}},
		"empty": {emulator.Response{Header: json},
			[]string{"Unusable response", "empty or truncated JSON body"}},
		"html page": {emulator.Response{Header: http.Header{"Content-Type": {"text/html"}}, Body: "<html><title>Sign in to the proxy</title></html>"},
			[]string{"Unusable response", `expected Content-Type application/json, got "text/html"`, "Sign in to the proxy"}},
		"wrong content type": {emulator.Response{Header: http.Header{"Content-Type": {"text/plain"}}, Body: `[]`},
			[]string{"Unusable response", `got "text/plain"`}},
		"element not an object": {emulator.Response{Header: json, Body: `[{"subAccountId":"*","url":"u"}, "x"]`},
			[]string{"Unusable response", "webhook #2: expected a JSON object, got a JSON string"}},
		"oversized": {emulator.Response{Header: json, Body: `[`, Fill: `{"subAccountId":"*","url":"https://a.example/` + strings.Repeat("x", 500) + `"},`, FillBytes: 40 << 20},
			[]string{"Unusable response", "response body exceeds the 32 MiB limit"}},
	} {
		t.Run(name, func(t *testing.T) {
			emu, url := startEmulator(t)
			emu.Script(tc.resp)
			unitTest(t, nil, resource.TestStep{
				Config:      providerConfig(url, oneShot...) + webhooksConfig(emulator.DefaultAccountID),
				ExpectError: errorRe(tc.want...),
			})
		})
	}
}

// A JSON null where the list belongs is read as no webhooks (documented).
func TestFaults_nullIsEmpty(t *testing.T) {
	emu, url := startEmulator(t)
	emu.Script(emulator.JSONResponse("null"))
	emu.SetWebhooks(emulator.DefaultAccountID, nil) // later reads in the step agree
	unitTest(t, nil, resource.TestStep{
		Config: providerConfig(url, oneShot...) + webhooksConfig(emulator.DefaultAccountID),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("webhooks"), knownvalue.ListExact([]knownvalue.Check{})),
		},
	})
}

func TestFaults_redirectsRefused(t *testing.T) {
	other, otherURL := startEmulator(t) // would capture the key
	path := "/api/v1/accounts/" + emulator.DefaultAccountID + "/webhooks"
	for name, tc := range map[string]struct {
		to   func(self string) string
		want string
	}{
		"to another host": {func(string) string { return strings.Replace(otherURL, "127.0.0.1", "localhost", 1) + path },
			"the API key is only ever sent to the configured host"},
		"https to http": {func(self string) string { return strings.Replace(self, "https://", "http://", 1) + path },
			"it would downgrade https to http"},
	} {
		t.Run(name, func(t *testing.T) {
			emu, srv, ca := emulatortest.NewTLSServer(t, "127.0.0.1")
			emu.Script(emulator.Response{Status: http.StatusFound, Header: http.Header{"Location": {tc.to(srv.URL)}}})
			unitTest(t, nil, resource.TestStep{
				Config:      providerConfig(srv.URL, "max_retries = 0", noTimeout, fmt.Sprintf("ca_cert_file = %q", ca)) + webhooksConfig(emulator.DefaultAccountID),
				ExpectError: errorRe("8x8 API redirect refused", tc.want),
			})
		})
	}
	t.Cleanup(func() {
		if n := other.RequestCount(); n != 0 {
			t.Errorf("another host received %d requests", n)
		}
	})
}

func TestFaults_untrustedCertificate(t *testing.T) {
	_, srv, _ := emulatortest.NewTLSServer(t, "127.0.0.1")
	unitTest(t, nil, resource.TestStep{
		Config:      providerConfig(srv.URL) + webhooksConfig(emulator.DefaultAccountID),
		ExpectError: errorRe("Cannot reach the 8x8 API", "certificate signed by unknown authority"),
	})
}

func TestFaults_badCABundle(t *testing.T) {
	_, url := startEmulator(t)
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "bundle.pem")
	if err := os.WriteFile(notPEM, []byte("# a bundle with a comment and no certificate\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.pem") // a block cut short: pem.Decode alone would skip it
	if err := os.WriteFile(cut, []byte("-----BEGIN CERTIFICATE-----\nMIIB"), 0o600); err != nil {
		t.Fatal(err)
	}
	withKey := filepath.Join(dir, "with-key.pem") // a server's key pasted in by mistake
	if err := os.WriteFile(withKey, []byte("# ours\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	unitTest(t, nil,
		resource.TestStep{
			Config:      providerConfig(url, `ca_cert_file = "/nonexistent/ca.pem"`) + webhooksConfig(emulator.DefaultAccountID),
			ExpectError: errorRe("Invalid ca_cert_file", `unusable CA bundle: "/nonexistent/ca.pem" names no file`),
		},
		resource.TestStep{
			Config:      providerConfig(url, fmt.Sprintf("ca_cert_file = %q", notPEM)) + webhooksConfig(emulator.DefaultAccountID),
			ExpectError: errorRe("Invalid ca_cert_file", "holds no PEM certificate"),
		},
		resource.TestStep{
			Config:      providerConfig(url, fmt.Sprintf("ca_cert_file = %q", cut)) + webhooksConfig(emulator.DefaultAccountID),
			ExpectError: errorRe("Invalid ca_cert_file", "the PEM block on line 1 (CERTIFICATE) has no matching END line"),
		},
		resource.TestStep{
			Config:      providerConfig(url, fmt.Sprintf("ca_cert_file = %q", dir)) + webhooksConfig(emulator.DefaultAccountID),
			ExpectError: errorRe("Invalid ca_cert_file", "unusable CA bundle: "+strconv.Quote(dir)+" is a directory, not a regular file"),
		},
		resource.TestStep{
			Config: providerConfig(url, fmt.Sprintf("ca_cert_file = %q", withKey)) + webhooksConfig(emulator.DefaultAccountID),
			ExpectError: errorRe("Invalid ca_cert_file", "unusable CA bundle: "+strconv.Quote(withKey)+": the PEM block on line 2 is a private key "+
				"(PRIVATE KEY); a CA bundle holds certificates only: remove the key, and keep it secret"),
		})
}

// The region's real host is reached through HTTPS_PROXY, and trusted
// through ca_cert_file: nothing leaves the machine, the proxy tunnels to a
// local emulator that holds a certificate for 8x8's host names.
func TestProxy_regionHostThroughHTTPSProxy(t *testing.T) {
	_, srv, ca := emulatortest.NewTLSServer(t, "chatapps.8x8.com", "chatapps.8x8.uk", "chatapps.us.8x8.com", "chatapps.8x8.id")
	proxy := &emulator.ConnectProxy{Target: srv.Listener.Addr().String()}
	psrv := httptest.NewServer(proxy)
	t.Cleanup(psrv.Close)
	t.Cleanup(func() {
		if got := strings.Join(proxy.Targets(), " "); !strings.HasPrefix(got, "chatapps.us.8x8.com:443") || strings.Contains(got, "8x8.uk") {
			t.Errorf("tunnels %q; want chatapps.us.8x8.com:443 only", got)
		}
	})
	unitTest(t, testEnv{"HTTPS_PROXY": psrv.URL, "NO_PROXY": "chatapps.8x8.uk"},
		resource.TestStep{
			Config: fmt.Sprintf("provider \"eightxeight\" {\n api_key = %q\n region = \"north-america\"\n ca_cert_file = %q\n}\n",
				emulator.DefaultAPIKey, ca) + webhooksConfig(emulator.DefaultAccountID),
			ConfigStateChecks: readsFourWebhooks,
		})
}

// A malformed HTTPS_PROXY is an error before any request, naming the
// variable and what is wrong without the password: Go's transport would
// ignore it and go direct, bypassing the proxy.
func TestProxy_malformedHTTPSProxyRefused(t *testing.T) {
	unitTest(t, testEnv{"HTTPS_PROXY": "http://alice:s3cret@[bad"},
		resource.TestStep{
			Config: fmt.Sprintf("provider \"eightxeight\" {\n api_key = %q\n region = \"europe\"\n max_retries = 0\n}\n",
				emulator.DefaultAPIKey) + webhooksConfig(emulator.DefaultAccountID),
			ExpectError: errorRe(`Invalid HTTPS_PROXY`, `The environment variable HTTPS_PROXY ("http://***@[bad") is not a usable proxy URL: `+
				`missing ']' in host; no request was sent, so that none bypasses the proxy: set HTTPS_PROXY to the proxy's URL`),
		})
}

// HTTP_PROXY never sees a plain-http request, whatever the case of
// "localhost" in base_url: it would see the API key in clear text.
func TestProxy_neverForPlainHTTP(t *testing.T) {
	var proxied atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		proxied.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	}))
	t.Cleanup(proxy.Close)
	_, url := startEmulator(t)
	t.Cleanup(func() {
		if n := proxied.Load(); n != 0 {
			t.Errorf("HTTP_PROXY received %d requests", n)
		}
	})
	unitTest(t, testEnv{"HTTP_PROXY": proxy.URL, "HTTPS_PROXY": proxy.URL},
		resource.TestStep{
			Config:            providerConfig(strings.Replace(url, "127.0.0.1", "LocalHost", 1)) + webhooksConfig(emulator.DefaultAccountID),
			ConfigStateChecks: readsFourWebhooks,
		})
}

// countingListener serves h and counts the connections it accepts.
func countingServer(t *testing.T, h http.Handler) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &conns
}

// Failures that another attempt cannot mend are reported at once, saying
// what they mean: plain HTTP on an https:// base_url, a proxy that wants
// credentials.
func TestFaults_finalTransportErrors(t *testing.T) {
	plain, plainConns := countingServer(t, emulator.New())
	proxy, proxyConns := countingServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Proxy-Authenticate", `Basic realm="corp"`)
		w.WriteHeader(http.StatusProxyAuthRequired)
	}))
	httpsURL := strings.Replace(plain.URL, "http://", "https://", 1)
	path := "/api/v1/accounts/" + emulator.DefaultAccountID + "/webhooks"
	t.Cleanup(func() {
		if n, m := plainConns.Load(), proxyConns.Load(); n != 1 || m != 1 {
			t.Errorf("%d connections to the server and %d to the proxy; want one each (no retry)", n, m)
		}
	})
	unitTest(t, testEnv{"HTTPS_PROXY": proxy.URL},
		resource.TestStep{
			Config: providerConfig(httpsURL, "max_retries = 3") + webhooksConfig(emulator.DefaultAccountID),
			ExpectError: errorRe("Cannot reach the 8x8 API: the server does not speak TLS on this port: GET "+httpsURL+path,
				"The server at base_url answered in plain HTTP, or not in TLS at all, on an https:// URL: base_url names the wrong port, "+
					"or another service listens there. Not retried: another attempt cannot succeed.",
				"Attempts: 1", "http: server gave HTTP response to HTTPS client"),
		},
		resource.TestStep{
			Config: fmt.Sprintf("provider \"eightxeight\" {\n  api_key = %q\n  region = \"europe\"\n  max_retries = 3\n}\n", emulator.DefaultAPIKey) +
				webhooksConfig(emulator.DefaultAccountID),
			ExpectError: errorRe("Cannot reach the 8x8 API: the proxy refused the tunnel: GET https://chatapps.8x8.uk"+path,
				"The proxy "+proxy.URL+" (from HTTPS_PROXY) refused to open a tunnel to chatapps.8x8.uk:443: HTTP 407 Proxy Authentication Required. "+
					"It wants credentials: give them in HTTPS_PROXY, as http://user:password@host:port. Not retried: another attempt cannot succeed.",
				"Attempts: 1"),
		})
}

// A body cut short in the middle is retried, and the read succeeds; when it
// breaks every time, the diagnostic says the connection broke.
func TestFaults_bodyBrokenMidway(t *testing.T) {
	cut := emulator.Response{Raw: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n" + `[{"subAccountId":"*",`}
	emu, url := startEmulator(t)
	emu.Script(cut, cut)
	path := "/api/v1/accounts/" + emulator.DefaultAccountID + "/webhooks"
	unitTest(t, nil,
		resource.TestStep{
			Config:            providerConfig(url, "max_retries = 2") + webhooksConfig(emulator.DefaultAccountID),
			ConfigStateChecks: readsFourWebhooks,
		},
		resource.TestStep{
			PreConfig: func() { emu.Script(cut, cut, cut, cut) },
			Config:    providerConfig(url, "max_retries = 1", noTimeout) + webhooksConfig(emulator.DefaultAccountID),
			ExpectError: errorRe(
				"Cannot reach the 8x8 API: the connection broke in the middle of the answer: GET "+url+path,
				"The connection broke after the API began to answer (a reset, or a body cut short), on each of the 2 attempts. "+
					"The server base_url names is on this machine: check it.",
				"Attempts: 2", "Error: reading the body: unexpected EOF"),
		})
}

// A chunked body with malformed framing is invalid HTTP, reported at once
// (the server will send it again); one cut short is a broken connection,
// retried, and the read succeeds.
func TestFaults_chunkedFraming(t *testing.T) {
	const head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
	emu, url := startEmulator(t)
	emu.Script(emulator.Response{Raw: head + "zz\r\n[]\r\n0\r\n\r\n"})
	path := "/api/v1/accounts/" + emulator.DefaultAccountID + "/webhooks"
	unitTest(t, nil,
		resource.TestStep{
			Config: providerConfig(url, "max_retries = 3") + webhooksConfig(emulator.DefaultAccountID),
			ExpectError: errorRe("Cannot reach the 8x8 API: the answer is not valid HTTP: GET "+url+path,
				"The answer is not valid HTTP (its status line, headers or body framing): base_url names a service on this machine "+
					"that is not the 8x8 API or its emulator, or one that is broken. Not retried: another attempt cannot succeed.",
				"Attempts: 1", "Error: the body's chunked framing is broken: invalid byte in chunk length"),
		},
		resource.TestStep{
			PreConfig:         func() { emu.Script(emulator.Response{Raw: head + "40\r\n[{\"subAccountId\":\"*\","}) },
			Config:            providerConfig(url, "max_retries = 3") + webhooksConfig(emulator.DefaultAccountID),
			ConfigStateChecks: readsFourWebhooks,
		})
}
