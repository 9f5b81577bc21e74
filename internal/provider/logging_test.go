package provider

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// withLogMasking hides the key and 8x8's secret fields in every line of
// the provider's root logger and of the client subsystem.
func TestWithLogMasking(t *testing.T) {
	const key = "sk-test-0c7e1d9a"
	var out bytes.Buffer
	ctx := withLogMasking(tflogtest.RootLogger(context.Background(), &out), client.KeyPattern(key))
	fields := map[string]any{
		"note":              "uses " + key,
		"authorization":     "Bearer anything",
		"api_key":           "another-key-value",
		"client_secret":     "client-secret-value",
		"httpAuthorization": "Basic aGVsbG8=",
		"body":              `[{"url":"u","httpAuthorization" : "Basic aGVsbG8=","oauth":{"clientSecret":"client-secret-value"}}]`,
		"header":            "Bearer " + key,
	}
	tflog.Trace(ctx, "message with "+key, fields)
	tflog.SubsystemTrace(ctx, logSubsystem, "message with "+key, fields)
	clientLogger{}.Debug(ctx, "Bearer token-in-message", fields)
	text := out.String()
	if strings.Count(text, "\n") != 3 {
		t.Fatalf("want 3 lines, got:\n%s", text)
	}
	for _, secret := range []string{key, "another-key-value", "client-secret-value", "aGVsbG8=", "token-in-message"} {
		if strings.Contains(text, secret) {
			t.Errorf("%q is in the log:\n%s", secret, text)
		}
	}
	if !strings.Contains(text, `"@module":"provider.client"`) {
		t.Errorf("no client subsystem line:\n%s", text)
	}
}

// The key is masked in the log in the forms a server may echo it in: JSON
// escapes, URL encoding, a line break inside.
func TestWithLogMasking_encodedKey(t *testing.T) {
	const key = "sk-live/9b3f2e7a+QZ"
	var out bytes.Buffer
	ctx := withLogMasking(tflogtest.RootLogger(context.Background(), &out), client.KeyPattern(key))
	for _, echoed := range []string{
		`sk-live\/9b3f2e7a+QZ`,
		`\u0073\u006b\u002d\u006c\u0069\u0076\u0065\u002f\u0039\u0062\u0033\u0066\u0032\u0065\u0037\u0061\u002b\u0051\u005a`,
		"sk-live%2F9b3f2e7a%2BQZ",
		"sk-live/9b3f\r\n2e7a+QZ",
		`sk-live/9b3f\n2e7a+QZ`,
		"SK-LIVE/9B3F2E7A+QZ",
	} {
		tflog.Trace(ctx, "echo: "+echoed, map[string]any{"body": "echo: " + echoed})
		clientLogger{}.Debug(ctx, "echo: "+echoed, map[string]any{"body": "echo: " + echoed})
	}
	text := out.String()
	if n := strings.Count(text, `echo: ***`); n != 24 {
		t.Errorf("%d masked echoes, want 24:\n%s", n, text)
	}
}
