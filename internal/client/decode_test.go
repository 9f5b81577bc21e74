package client

import (
	"fmt"
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
	for body, want := range map[string]string{
		``:                               "empty or truncated JSON body",
		`   `:                            "empty or truncated JSON body",
		`{"code":1}`:                     "expected a JSON array of webhooks, got a JSON object",
		`"hello"`:                        "got a JSON string",
		`42`:                             "got a JSON number",
		`true`:                           "got a JSON boolean",
		`[{"url":"a"}`:                   "truncated JSON body",
		`[{"url":"a"},`:                  "truncated JSON body",
		`[{"url":"a"} {"url":"b"}]`:      "malformed JSON",
		`[1]`:                            "webhook #1: expected a JSON object, got a JSON number",
		`[{"url":"a"},{"enabled":"no"}]`: `webhook #2: field "enabled" holds a JSON string, expected bool`,
		`[] []`:                          "unexpected data after the JSON array",
		`[] x`:                           "malformed JSON",
		`null null`:                      "unexpected data after the JSON array",
		`<html>502</html>`:               "malformed JSON",
	} {
		_, err := DecodeWebhooks(strings.NewReader(body), MaxResponseBytes)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want an error containing %q", body, err, want)
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
