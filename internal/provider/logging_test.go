package provider

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// withLogMasking hides the key and 8x8's secret fields in every line of
// the provider's root logger and of the client subsystem.
func TestWithLogMasking(t *testing.T) {
	const key = "sk-test-0c7e1d9a"
	var out bytes.Buffer
	ctx := withLogMasking(tflogtest.RootLogger(context.Background(), &out), key)
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
