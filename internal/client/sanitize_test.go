package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
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
			`: HTTP 200 OK with an unusable body: unreadable Content-Type "application/json; ***=\"` + strings.Repeat("x", 177) + `…"`,
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
