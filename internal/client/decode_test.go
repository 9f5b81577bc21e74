package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

func TestDecodeWebhooks(t *testing.T) {
	hooks, err := DecodeWebhooks(strings.NewReader(`[
	  {"type":"CADR","subAccountId":"S","url":"https://a","enabled":false,"httpAuthorization":"***",
	   "oauth":{"url":"https://t","clientId":"c","clientSecret":"***","credentialsLocation":"body"},
	   "version":3,"httpContenttype":"application/json"},
	  {"subAccountId":"*","url":"https://b"},
	  {"type":"NEWTYPE","subAccountId":"*","url":"https://c","httpAuthorization":""}
	]`), MaxResponseBytes)
	if err != nil {
		t.Fatal(err)
	}
	if len(hooks) != 3 {
		t.Fatalf("got %d webhooks", len(hooks))
	}
	h := hooks[0]
	if h.Type != "CADR" || h.SubAccountID != "S" || h.URL != "https://a" || h.Enabled || !h.HasHTTPAuthorization() ||
		*h.OAuth.ClientSecret != "***" || *h.OAuth.CredentialsLocation != "body" || h.OAuth.Scope != nil {
		t.Errorf("first: %+v %+v", h, h.OAuth)
	}
	if h := hooks[1]; h.Type != "" || !h.Enabled || h.HTTPAuthorization != nil || h.OAuth != nil || h.HasHTTPAuthorization() {
		t.Errorf("second (type and enabled absent): %+v", h)
	}
	if h := hooks[2]; h.Type != "NEWTYPE" || h.HTTPAuthorization == nil || h.HasHTTPAuthorization() {
		t.Errorf("third (unknown type, empty auth): %+v", h)
	}
}

func TestDecodeWebhooks_emptyAndNull(t *testing.T) {
	for _, body := range []string{`[]`, ` [ ] `, `null`, "null\n"} {
		hooks, err := DecodeWebhooks(strings.NewReader(body), MaxResponseBytes)
		if err != nil || hooks == nil || len(hooks) != 0 {
			t.Errorf("%q: %v, %v (want an empty, non-nil list)", body, hooks, err)
		}
	}
}

func TestDecodeWebhooks_bad(t *testing.T) {
	const a, b = `{"subAccountId":"*","url":"a"}`, `{"subAccountId":"*","url":"b"}`
	for body, want := range map[string]string{
		``:                                    "empty or truncated JSON body",
		`   `:                                 "empty or truncated JSON body",
		`{"code":1}`:                          "expected a JSON array of webhooks, got a JSON object",
		`"hello"`:                             "expected a JSON array of webhooks, got a JSON string",
		`42`:                                  "expected a JSON array of webhooks, got a JSON number",
		`-1`:                                  "expected a JSON array of webhooks, got a JSON number",
		`true`:                                "expected a JSON array of webhooks, got a JSON boolean",
		`nul`:                                 "truncated JSON body",
		`nope`:                                "malformed JSON at byte 2: invalid character 'o' in literal null (expecting 'u')",
		`[`:                                   "truncated JSON body",
		`[` + a:                               "truncated JSON body",
		`[` + a + `,`:                         "truncated JSON body",
		`[{"subAccountId":"*","url":"a`:       "webhook #1: truncated JSON body",
		`[` + a + ` ` + b + `]`:               "malformed JSON at byte 33: invalid character '{' after webhook #1, expected ',' or ']'",
		`[` + a + `,]`:                        "malformed JSON at byte 33: invalid character ']' after a comma, expected a webhook",
		`[` + a + `,` + b + `,{"url":"c",,}]`: "webhook #3: malformed JSON at byte 75: invalid character ',' looking for beginning of object key string",
		`[1]`:                                 "webhook #1: expected a JSON object, got a JSON number",
		`[` + a + `,"x"]`:                     "webhook #2: expected a JSON object, got a JSON string",
		`[` + a + `,{"enabled":"no"}]`:        `webhook #2: field "enabled" holds a JSON string, expected bool`,
		`[] []`:                               "malformed JSON at byte 4: unexpected data after the JSON value",
		`[] x`:                                "malformed JSON at byte 4: unexpected data after the JSON value",
		`null null`:                           "malformed JSON at byte 6: unexpected data after the JSON value",
		`<html>502</html>`:                    "malformed JSON at byte 1: invalid character '<' looking for beginning of value",
		"\x1b[2J":                             `malformed JSON at byte 1: invalid character '\x1b' looking for beginning of value`,
	} {
		_, err := DecodeWebhooks(strings.NewReader(body), MaxResponseBytes)
		if err == nil || err.Error() != want {
			t.Errorf("%q:\ngot  %v\nwant %s", body, err, want)
		}
	}
}

func TestDecodeWebhooks_cap(t *testing.T) {
	one := `{"subAccountId":"*","url":"https://x"},`
	body := "[" + strings.Repeat(one, 100) + `{"subAccountId":"*","url":"https://x"}]`
	if _, err := DecodeWebhooks(strings.NewReader(body), int64(len(body))); err != nil {
		t.Errorf("a body of exactly the cap must decode: %v", err)
	}
	_, err := DecodeWebhooks(strings.NewReader(body), int64(len(body)-1))
	if want := fmt.Sprintf("response body exceeds the %d-byte limit", len(body)-1); err == nil || err.Error() != want {
		t.Errorf("over the cap: got %v, want %q", err, want)
	}
	_, err = DecodeWebhooks(strings.NewReader(body), 0)
	if want := "response body exceeds the 0-byte limit"; err == nil || err.Error() != want {
		t.Errorf("over a zero cap: got %v, want %q", err, want)
	}
	_, err = DecodeWebhooks(strings.NewReader("["+strings.Repeat(" ", 2<<20)+"]"), 1<<20)
	if want := "response body exceeds the 1 MiB limit"; err == nil || err.Error() != want {
		t.Errorf("over a 1 MiB cap: got %v, want %q", err, want)
	}
}

// The client's account id pattern is the one 8x8's OpenAPI description
// gives (the emulator's test checks its own copy the same way).
func TestAccountIDPatternIsTheDocumentedOne(t *testing.T) {
	b, err := os.ReadFile("../emulator/testdata/chatapps-webhooks.openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"pattern": "`+strings.ReplaceAll(AccountIDPattern.String(), `\`, `\\`)+`"`) {
		t.Errorf("pattern %s is not in the OpenAPI description", AccountIDPattern)
	}
}

// Each element needs a non-empty subAccountId and url (8x8's OpenAPI marks
// both required); null is not a webhook. The error names the element.
func TestDecodeWebhooks_elementsValidated(t *testing.T) {
	for body, want := range map[string]string{
		`[{}]`:                                `webhook #1: subAccountId is missing or empty (8x8 requires subAccountId and url)`,
		`[{"type":"MSG","subAccountId":"*"}]`: `webhook #1 (type "MSG", subAccountId "*"): url is missing or empty (8x8 requires subAccountId and url)`,
		`[{"subAccountId":"","url":"https://a"}]`: `webhook #1: subAccountId is missing or empty (8x8 requires subAccountId and url)`,
		`[null]`: `webhook #1 is null, expected a JSON object`,
		`[{"subAccountId":"*","url":"https://a"}, null]`:                         `webhook #2 is null, expected a JSON object`,
		`[{"subAccountId":"*","url":"https://a"},{"subAccountId":"S","url":""}]`: `webhook #2 (subAccountId "S"): url is missing or empty (8x8 requires subAccountId and url)`,
	} {
		_, err := DecodeWebhooks(strings.NewReader(body), MaxResponseBytes)
		if err == nil || err.Error() != want {
			t.Errorf("%s:\ngot  %v\nwant %s", body, err, want)
		}
	}
}

// A small body cannot become millions of webhooks: "{}," is refused at
// once, and more than MaxWebhooks elements are refused.
func TestDecodeWebhooks_amplification(t *testing.T) {
	body := "[" + strings.Repeat("{},", 1<<20/3) + "{}]" // 1 MiB, 350,000 empty objects
	hooks, err := DecodeWebhooks(strings.NewReader(body), MaxResponseBytes)
	if err == nil || !strings.HasPrefix(err.Error(), "webhook #1: ") {
		t.Errorf("got %d webhooks, %v", len(hooks), err)
	}
	one := `{"subAccountId":"*","url":"u"}`
	at := func(n int) string { return "[" + strings.Repeat(one+",", n-1) + one + "]" }
	if hooks, err := DecodeWebhooks(strings.NewReader(at(100000)), MaxResponseBytes); err != nil || len(hooks) != 100000 {
		t.Errorf("%d webhooks: %d, %v", 100000, len(hooks), err)
	}
	_, err = DecodeWebhooks(strings.NewReader(at(100001)), MaxResponseBytes)
	if want := "the response lists more than 100000 webhooks, the most one read accepts"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

// chunks reads at most n bytes at a time, the way a network body does.
type chunks struct {
	r io.Reader
	n int
}

func (c chunks) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.n)]) }

// White space anywhere, megabytes of it, decodes to what it surrounds.
// That it does so in linear time (encoding/json's Decoder rescanned the
// white space before a token on every refill: 8 MiB took seconds, 32 MiB
// 89 s) is shown by BenchmarkDecodeWebhooks_whiteSpace, in BENCHMARKS.md,
// not by a timed assertion here.
func TestDecodeWebhooks_whiteSpace(t *testing.T) {
	const mib = 8 << 20
	one := `{"subAccountId":"*","url":"u"}`
	for name, tc := range map[string]struct {
		body string
		n    int
	}{
		"inside []":         {"[" + strings.Repeat(" ", mib) + "]", 0},
		"before the array":  {strings.Repeat("\n", mib) + "[]", 0},
		"after the array":   {"[]" + strings.Repeat("\t", mib), 0},
		"between elements":  {"[" + one + strings.Repeat(" ", mib/2) + "," + strings.Repeat("\r\n", mib/4) + one + "]", 2},
		"inside an element": {`[{"subAccountId":` + strings.Repeat(" ", mib) + `"*","url":"u"}]`, 1},
	} {
		hooks, err := DecodeWebhooks(chunks{strings.NewReader(tc.body), 4 << 10}, MaxResponseBytes)
		if err != nil || len(hooks) != tc.n {
			t.Errorf("%s: %d webhooks, %v; want %d", name, len(hooks), err, tc.n)
		}
	}
}

// BenchmarkDecodeWebhooks_whiteSpace decodes 1, 8 and 32 MiB of white space:
// go test ./internal/client -run '^$' -bench DecodeWebhooks_whiteSpace -benchtime 5x.
func BenchmarkDecodeWebhooks_whiteSpace(b *testing.B) {
	for _, mib := range []int{1, 8, 32} {
		body := "[" + strings.Repeat(" ", mib<<20-2) + "]" // mib MiB in all
		b.Run(fmt.Sprintf("%dMiB", mib), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, err := DecodeWebhooks(chunks{strings.NewReader(body), 4 << 10}, MaxResponseBytes); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Ctrl-C (a canceled context) stops decoding a large body at once.
func TestDecodeWebhooks_stopsWithTheContext(t *testing.T) {
	one := `{"subAccountId":"*","url":"u"},`
	body := "[" + strings.Repeat(one, 50000) + one[:len(one)-1] + "]"
	ctx, cancel := context.WithCancel(context.Background())
	r := &cancelAfterFirstRead{r: strings.NewReader(body), cancel: cancel}
	hooks, err := decodeWebhooks(ctx, chunks{r, 4 << 10}, MaxResponseBytes)
	if !errors.Is(err, context.Canceled) || hooks != nil {
		t.Errorf("got %d webhooks, %v", len(hooks), err)
	}
	if r.n >= len(body) {
		t.Errorf("the whole body was read (%d bytes) after the cancel", r.n)
	}
}

type cancelAfterFirstRead struct {
	r      io.Reader
	cancel func()
	n      int
}

func (c *cancelAfterFirstRead) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	c.cancel()
	return n, err
}
