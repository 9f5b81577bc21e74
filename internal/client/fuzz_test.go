package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"unicode"
)

// fuzzKey is the client's key in the fuzz target: the fuzzer may put it in
// any body, and it must never come out in an error.
const fuzzKey = "sk-FuzzKey-42"

// openAPIExamples returns every example body of 8x8's OpenAPI description
// for the webhooks endpoint: the GET list and the error bodies.
func openAPIExamples(t testing.TB) [][]byte {
	b, err := os.ReadFile("../emulator/testdata/chatapps-webhooks.openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				if k == "example" || k == "value" {
					if raw, err := json.Marshal(c); err == nil && (bytes.HasPrefix(raw, []byte("[")) || bytes.HasPrefix(raw, []byte("{"))) {
						out = append(out, raw)
					}
				}
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	walk(doc)
	return out
}

// FuzzReadResponse drives the whole response path (status and reason
// phrase, Content-Type and body, into the decoder or the error parser) with
// arbitrary input: it must never panic, succeed only on a 2xx, fail only
// with a typed error, and never let the key, a control character (a
// terminal escape) or an unbounded text into an error.
func FuzzReadResponse(f *testing.F) {
	for _, ex := range openAPIExamples(f) {
		for _, status := range []int{200, 400, 401, 500} {
			f.Add(status, http.StatusText(status), "application/json", ex)
		}
	}
	for _, body := range []string{"", "null", "[]", "{}", "[1]", "[null]", `[{"enabled":"x"}]`, "<html>" + fuzzKey, `{"code":1,"message":"` + fuzzKey + `"}`,
		"[" + strings.Repeat("[", 20000), `[{"type":"\u001b[2J","subAccountId":"*","url":"u"}]`, "[" + strings.Repeat(" ", 5000) + "]"} {
		f.Add(200, "OK", "application/json; charset=utf-8", []byte(body))
		f.Add(502, "Bad Gateway", "text/html", []byte(body))
	}
	f.Add(401, "Bearer "+fuzzKey+"\x1b[2J", "text/plain; k="+fuzzKey, []byte("x"))
	f.Add(200, "\x1b]0;title\x07", "application/json; x=\""+fuzzKey, []byte("[]"))
	f.Add(200, "OK", "text/"+strings.ToUpper(fuzzKey), []byte("[]"))
	c, err := New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: fuzzKey})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, reason, contentType string, body []byte) {
		if status < 100 || status > 999 {
			return
		}
		resp := &http.Response{
			StatusCode: status, Status: fmt.Sprintf("%d %s", status, reason),
			Header: http.Header{"Content-Type": {contentType}}, Body: io.NopCloser(bytes.NewReader(body)),
		}
		hooks, err := c.readResponse(context.Background(), "GET /x", resp, 1)
		if err == nil {
			if status < 200 || status > 299 || hooks == nil {
				t.Fatalf("success on status %d with %v", status, hooks)
			}
			// The decoder splits the array itself: what it accepts must be
			// JSON, and the same number of webhooks.
			var all []json.RawMessage
			if err := json.Unmarshal(body, &all); err != nil || len(all) != len(hooks) {
				t.Fatalf("accepted %q as %d webhooks; encoding/json: %d, %v", body, len(hooks), len(all), err)
			}
			return
		}
		var apiErr *APIError
		var respErr *ResponseError
		if !errors.As(err, &apiErr) && !errors.As(err, &respErr) {
			t.Fatalf("untyped error %T: %v", err, err)
		}
		text := err.Error()
		if strings.Contains(strings.ToLower(text), strings.ToLower(fuzzKey)) {
			t.Fatalf("the key is in the error: %q", text)
		}
		if i := strings.IndexFunc(text, unicode.IsControl); i >= 0 {
			t.Fatalf("a control character is in the error: %q", text)
		}
		if len(text) > 4000 {
			t.Fatalf("an error of %d bytes", len(text))
		}
	})
}
