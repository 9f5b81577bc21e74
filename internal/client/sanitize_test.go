package client

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator/emulatortest"
)

// unsafe reports what makes an error text unfit for a terminal or a log:
// the key, a control character (an escape sequence starts with one), or a
// length no diagnostic needs.
func unsafe(text, key string) string {
	switch {
	case strings.Contains(text, key):
		return "holds the key"
	case strings.ContainsFunc(text, func(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }):
		return "holds a control character"
	case len(text) > 4000:
		return "is too long"
	}
	return ""
}

// Text the server controls (reason phrase, Content-Type, a redirect's
// target, a malformed answer) reaches an error redacted, without control
// characters, and cut short.
func TestListWebhooks_serverTextSanitised(t *testing.T) {
	key := emulator.DefaultAPIKey
	long := strings.Repeat("x", 10000)
	for name, tc := range map[string]struct {
		resp emulator.Response
		want string
	}{
		"reason phrase": {
			emulator.Response{Raw: "HTTP/1.1 401 \x1b]0;owned\x07Bearer " + key + "\x1b[2J\r\nContent-Length: 0\r\n\r\n"},
			`: HTTP 401 ]0;ownedBearer ***[2J: empty response body`,
		},
		"long reason phrase": {
			emulator.Response{Raw: "HTTP/1.1 401 " + long + "\r\nContent-Length: 0\r\n\r\n"},
			`: HTTP 401 ` + strings.Repeat("x", 196) + `…: empty response body`,
		},
		"content type of an error": {
			emulator.Response{Status: 400, Header: http.Header{"Content-Type": {"text/plain; k=" + key}}, Body: "no"},
			`: HTTP 400 Bad Request: response body (text/plain; k=***): "no"`,
		},
		"content type of a 200": {
			emulator.Response{Header: http.Header{"Content-Type": {"text/html; echo=" + key}}, Body: "<p>hi</p>"},
			`: HTTP 200 OK with an unusable body: expected Content-Type application/json, got "text/html"; body starts (text/html; echo=***): "<p>hi</p>"`,
		},
		"unreadable content type": {
			emulator.Response{Header: http.Header{"Content-Type": {"application/json; " + key + "=\"" + long}}, Body: "[]"},
			`: HTTP 200 OK with an unusable body: unreadable Content-Type "application/json; ***\"` + strings.Repeat("x", 178) + `…"`,
		},
		"malformed answer": {
			emulator.Response{Raw: "SSH-2.0-OpenSSH Bearer " + key + "\x1b[2J\r\n\r\n"},
			`: the answer is not valid HTTP: Get `,
		},
	} {
		t.Run(name, func(t *testing.T) {
			emu := emulator.New()
			srv := newEmulatorServer(t, emu)
			emu.Script(tc.resp)
			_, err := emulatorClient(t, Config{BaseURL: srv}).ListWebhooks(context.Background(), emulator.DefaultAccountID)
			if err == nil {
				t.Fatal("no error")
			}
			if why := unsafe(err.Error(), key); why != "" {
				t.Errorf("the error %s: %q", why, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got  %q\nwant %q in it", err, tc.want)
			}
		})
	}
}

// A redirect's target is server text too.
func TestRedirects_targetSanitised(t *testing.T) {
	emu, srv, caFile := emulatortest.NewTLSServer(t, "127.0.0.1")
	key := emulator.DefaultAPIKey
	emu.Script(emulator.Response{Status: http.StatusFound, Header: http.Header{"Location": {"https://" + key + ".evil.example/x"}}})
	_, err := emulatorClient(t, Config{BaseURL: srv.URL, CACertFile: caFile}).ListWebhooks(context.Background(), emulator.DefaultAccountID)
	if err == nil || unsafe(err.Error(), key) != "" || !strings.Contains(err.Error(), "to https://***.evil.example: the API key is only ever sent to the configured host") {
		t.Errorf("%v", err)
	}
	// The provider quotes the field, not only the error's text.
	var re *RedirectError
	if !errors.As(err, &re) || re.To != "https://***.evil.example" {
		t.Errorf("RedirectError.To: %+v", re)
	}
}

// The key echoed in an encoded form (JSON escapes, URL encoding, a line
// break inside) is redacted as well as the key itself.
func TestListWebhooks_encodedKeyRedacted(t *testing.T) {
	const key = "sk-live/9b3f2e7a+QZ"
	jsonU := ""
	for _, r := range key {
		jsonU += `\u00` + strings.ToUpper(string("0123456789abcdef"[r>>4])+string("0123456789abcdef"[r&15]))
	}
	for name, echoed := range map[string]string{
		"plain":              key,
		`JSON \/`:            strings.ReplaceAll(key, "/", `\/`),
		`JSON \u00XX`:        jsonU,
		`JSON \u00xx, mixed`: `sk-l\u0069ve\u002f9b3f2e7a\u002bQZ`,
		"URL-encoded":        url.QueryEscape(key),
		"URL-encoded, lower": strings.ToLower(url.QueryEscape(key)),
		"line break":         "sk-live/9b3f\r\n 2e7a+QZ",
		`JSON \n`:            `sk-live/9b3f\n2e7a+QZ`,
		"cut at the end":     key[:9],
	} {
		for _, status := range []int{401, 200} {
			emu := emulator.New()
			emu.AddKey(key)
			srv := newEmulatorServer(t, emu)
			emu.Script(emulator.Response{Status: status, Header: http.Header{"Content-Type": {"text/plain"}}, Body: "echo: " + echoed})
			c, err := New(Config{BaseURL: srv, APIKey: key, RequestTimeout: 10 * time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.ListWebhooks(context.Background(), emulator.DefaultAccountID)
			if err == nil || !strings.Contains(err.Error(), `"echo: ***"`) {
				t.Errorf("%s, %d: %v", name, status, err)
			}
		}
	}
}

// A webhook whose type or sub-account holds a control character (a
// terminal escape sequence, say) is refused with the value quoted, never
// passed on to be printed.
func TestDecodeWebhooks_controlCharacters(t *testing.T) {
	for body, want := range map[string]string{
		`[{"type":"MSG\u001b[2J","subAccountId":"*","url":"https://a"}]`:       `webhook #1 (type "MSG\x1b[2J", subAccountId "*"): type holds a control character (U+001B)`,
		`[{"subAccountId":"*","url":"https://a"},{"subAccountId":"S\u0007"}]`:  `webhook #2 (subAccountId "S\a"): subAccountId holds a control character (U+0007)`,
		`[{"type":"CADR","subAccountId":"S","url":"https://a\u009b31m"}]`:      `webhook #1 (type "CADR", subAccountId "S"): url holds a control character (U+009B)`,
		`[{"subAccountId":"S","url":"https://a","oauth":{"clientId":"a\rb"}}]`: `webhook #1 (subAccountId "S"): oauth.clientId holds a control character (U+000D)`,
	} {
		_, err := DecodeWebhooks(strings.NewReader(body), MaxResponseBytes)
		if err == nil || err.Error() != want {
			t.Errorf("%s:\ngot  %v\nwant %s", body, err, want)
		}
	}
}

// A long key (a JWT, say) builds a pattern whose depth does not grow with
// it: 532 characters panicked in regexp.MustCompile, and the panic spelled
// the key. It is masked all the same.
func TestMasking_longKey(t *testing.T) {
	key := "eyJhbGciOiJSUzI1NiJ9." + strings.Repeat("Zm9vYmFy", 63) + ".SIGxyz"
	c, err := New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: key})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.text("echo "+strings.ToUpper(key[:40])+key[40:]+" end", maxMessageRunes); got != "echo *** end" {
		t.Errorf("%.120q", got)
	}
	if _, err := New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: strings.Repeat("k", MaxAPIKeyBytes+1)}); err == nil ||
		!strings.Contains(err.Error(), "an API key has at most 4096") {
		t.Errorf("an oversized key: %v", err)
	}
}

// The key URL-encoded and cut in the middle of an escape where the
// recorded start of a body ends: all but its last character leaked.
func TestMasking_encodedKeyCutMidEscape(t *testing.T) {
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

// recordingLogger keeps every log line as text.
type recordingLogger struct {
	mu    sync.Mutex
	lines []string
}

func (l *recordingLogger) Debug(_ context.Context, msg string, f map[string]any) { l.add(msg, f) }
func (l *recordingLogger) Trace(_ context.Context, msg string, f map[string]any) { l.add(msg, f) }
func (l *recordingLogger) add(msg string, f map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprint(msg, f))
}

// What the client logs of a server's text (an error body at TRACE, a
// transport error at DEBUG) has the key masked in every form and the
// values of credential members masked: the provider's log masks are cheap
// ones and do not look again.
func TestLogs_serverTextRedacted(t *testing.T) {
	const key = redactKey
	body := `{"echo":"` + key[:31] + `","half":"` + key[:12] + `#` + key[13:] + `","b64":"` +
		base64.StdEncoding.EncodeToString([]byte("Bearer "+key)) + `","client_secret":"hunter2hunter2"}`
	log := &recordingLogger{}
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(body))
	}, func(cfg *Config) { cfg.APIKey, cfg.Logger, cfg.MaxRetries = key, log, 0 })
	_, err := c.ListWebhooks(context.Background(), account)
	if err == nil {
		t.Fatal("no error")
	}
	text := strings.Join(log.lines, "\n") + "\n" + err.Error()
	if !strings.Contains(text, "8x8 API error body") {
		t.Fatalf("no error body logged:\n%s", text)
	}
	for _, secret := range []string{key[:8], key[13:21], key[24:], "hunter2"} {
		if strings.Contains(text, secret) {
			t.Errorf("%q is logged:\n%s", secret, text)
		}
	}
}

// The URL a redirect led to is the server's text in the DEBUG line of each
// attempt too: it was logged as it was.
func TestLogs_redirectTargetRedacted(t *testing.T) {
	const key = redactKey
	log := &recordingLogger{}
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("echo") == "" {
			http.Redirect(w, r, r.URL.Path+"?echo="+strings.ToUpper(key)+"&enc="+url.QueryEscape(key[:20]), http.StatusFound)
			return
		}
		w.WriteHeader(http.StatusInternalServerError)
	}, func(cfg *Config) { cfg.APIKey, cfg.Logger, cfg.MaxRetries = key, log, 0 })
	if _, err := c.ListWebhooks(context.Background(), account); err == nil {
		t.Fatal("no error")
	}
	text := strings.ToLower(strings.Join(log.lines, "\n"))
	if !strings.Contains(text, "echo=***") {
		t.Errorf("no masked redirect target logged:\n%s", text)
	}
	for _, secret := range []string{key[:8], key[12:20]} {
		if strings.Contains(text, strings.ToLower(secret)) {
			t.Errorf("%q is logged:\n%s", secret, text)
		}
	}
}
