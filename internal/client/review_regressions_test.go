package client

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// Regressions found by an adversarial review of the hardening: each test
// failed before its fix.

// A long key (a JWT, say) builds a pattern whose depth does not grow with
// it: 532 characters panicked in regexp.MustCompile, and the panic spelled
// the key. It is masked all the same.
func TestReview_longKeyMasked(t *testing.T) {
	key := "eyJhbGciOiJSUzI1NiJ9." + strings.Repeat("Zm9vYmFy", 63) + ".SIGxyz"
	c, err := New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: key})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.redact("echo " + strings.ToUpper(key[:40]) + key[40:] + " end"); got != "echo *** end" {
		t.Errorf("%.120q", got)
	}
	if _, err := New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: strings.Repeat("k", MaxAPIKeyBytes+1)}); err == nil ||
		!strings.Contains(err.Error(), "an API key has at most 4096") {
		t.Errorf("an oversized key: %v", err)
	}
}

// A password cut by '#', '/' or '?' is not echoed by url.Parse's error.
func TestReview_passwordNeverEchoed(t *testing.T) {
	for _, raw := range []string{"https://u:Hunter2Secret#1@gw.example", "https://u:Hunter2Secret/1@gw.example", "https://u:Hunter2Secret?1@gw.example"} {
		if _, err := ParseBaseURL(raw); err == nil || strings.Contains(err.Error(), "Hunter2Secret") {
			t.Errorf("%s: %v", raw, err)
		}
	}
}

// Answers no other attempt can mend are sent once and called what they are.
func TestReview_finalFailuresNotRetried(t *testing.T) {
	for name, raw := range map[string]string{
		"NUL in a header":           "HTTP/1.1 200 OK\r\nX: a\x00b\r\nContent-Length: 2\r\n\r\n[]",
		"header without colon":      "HTTP/1.1 200 OK\r\nno-colon\r\nContent-Length: 2\r\n\r\n[]",
		"two Content-Lengths":       "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n[]",
		"negative Content-Length":   "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n[]",
		"unknown Transfer-Encoding": "HTTP/1.1 200 OK\r\nTransfer-Encoding: bogus\r\n\r\n",
		"unparsable Location":       "HTTP/1.1 302 Found\r\nLocation: http://[::1%zz/x\r\nContent-Length: 0\r\n\r\n",
	} {
		srv, conns := rawServer(t, raw)
		c, err := New(Config{BaseURL: "http://" + srv, APIKey: testKey, MaxRetries: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.ListWebhooks(context.Background(), account)
		var te *TransportError
		if n := conns.Load(); n != 1 || !errors.As(err, &te) || te.Kind != FailureProtocol {
			t.Errorf("%s: %d connections: %v", name, n, err)
		}
	}
}

// A server that refuses the TLS handshake with an alert (here: TLS 1.1
// only) is a final TLS failure, not a network one.
func TestReview_tlsAlertFinal(t *testing.T) {
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

// The key URL-encoded and cut in the middle of an escape where the
// recorded start of a body ends: all but its last character leaked.
func TestReview_encodedKeyCutMidEscape(t *testing.T) {
	var enc strings.Builder
	for i := 0; i < len(testKey); i++ {
		fmt.Fprintf(&enc, "%%%02X", testKey[i])
	}
	partial := enc.String()[:enc.Len()-1] // all but the last hex digit
	body := strings.Repeat(" ", recordBytes-len(partial)) + partial + "tail"
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte(body))
	})
	_, err := c.ListWebhooks(context.Background(), account)
	if err == nil || strings.Contains(err.Error(), partial[:len(partial)-6]) {
		t.Errorf("the error holds the start of the key, URL-encoded: %v", err)
	}
}

// A short key is masked where it stands alone, not inside every word:
// "a" turned "Unauthorized" into "Un***uthorized" and garbled the errorId.
func TestReview_shortKeyMaskedAlone(t *testing.T) {
	c, err := New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: "a"})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"401 Unauthorized":                     "401 Unauthorized",
		"errorId 4b3c3407-a7a6-4f1e":           "errorId 4b3c3407-a7a6-4f1e",
		`{"echo":"Bearer a"}`:                  `{"echo":"Bearer***}`,
		"Not Found (key starts like the word)": "Not Found (key starts like the word)",
	} {
		if got := c.redact(in); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
	c, _ = New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: "Found-7f3a9c2e1b4d"})
	if got := c.redact("404 Not Found"); got != "404 Not Found" {
		t.Errorf("a word like the key's start was masked: %q", got)
	}
}

// A certificate block that does not decode is an error naming its line,
// not skipped.
func TestReview_brokenPEMBlock(t *testing.T) {
	certs, err := emulator.NewCertificates("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(certs.CAPEM)), "\n")
	n := len(lines)
	broken := strings.Join([]string{lines[0], lines[1], "!!!!not base64!!!!", lines[n-1]}, "\n") + "\n"
	noEnd := strings.Join(lines[:n-1], "\n") + "\n"
	key := "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIC0c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0f\n-----END PRIVATE KEY-----\n"
	for name, tc := range map[string]struct{ bundle, want string }{
		"bad base64":    {string(certs.CAPEM) + broken, fmt.Sprintf("the PEM block on line %d (CERTIFICATE) cannot be decoded", n+1)},
		"no END line":   {string(certs.CAPEM) + noEnd, fmt.Sprintf("the PEM block on line %d (CERTIFICATE) has no matching END line", n+1)},
		"key, line n+3": {string(certs.CAPEM) + "\n\n" + key, fmt.Sprintf("the PEM block on line %d is a private key", n+3)},
	} {
		f := filepath.Join(t.TempDir(), "ca.pem")
		if err := os.WriteFile(f, []byte(tc.bundle), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: testKey, CACertFile: f}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
}

// An impossible port is refused at once, not retried as a network error.
func TestReview_impossiblePort(t *testing.T) {
	for _, raw := range []string{"https://chatapps.8x8.com:99999", "https://chatapps.8x8.com:0", "https://chatapps.8x8.com:"} {
		if _, err := ParseBaseURL(raw); err == nil || !strings.Contains(err.Error(), "has no valid port") {
			t.Errorf("%s: %v", raw, err)
		}
	}
	if _, err := ParseBaseURL("https://[::1]:443"); err != nil {
		t.Errorf("an IPv6 host with a port: %v", err)
	}
}

// A 200 body without a length (ended by the connection closing) that is
// cut short is retried like a broken connection, not blamed on a proxy.
func TestReview_closeDelimitedBodyCutRetried(t *testing.T) {
	srv, conns := rawServer(t, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"+`[{"subAccountId":"*","url":"https://a.example"},{"subAcc`)
	c, err := New(Config{BaseURL: "http://" + srv, APIKey: testKey, MaxRetries: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListWebhooks(context.Background(), account)
	var te *TransportError
	if n := conns.Load(); n != 4 || !errors.As(err, &te) || te.Kind != FailureBody {
		t.Errorf("%d connection(s): %v", n, err)
	}
}

// A proxy refusing the tunnel with a 5xx is retried, as the docs say; with
// a 4xx it is not.
func TestReview_proxyRefusalRetriedOnlyOn5xx(t *testing.T) {
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

// The values of 8x8's secret fields are masked in excerpts, also when the
// text ends inside one.
func TestReview_secretFieldsMasked(t *testing.T) {
	c, err := New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		`{"httpAuthorization":"Basic UNMASKED","oauth":{"clientSecret" : "s3cr\"et"}}`: `{"httpAuthorization":"***","oauth":{"clientSecret" : "***"}}`,
		`[{"oauth":{"clientSecret":"UNMASKEDCLIENTSECRE`:                               `[{"oauth":{"clientSecret":"***`,
	} {
		if got := c.redact(in); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
}
