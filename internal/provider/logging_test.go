package provider

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/tfharness"
)

// withLogMasking hides the key, bearer tokens and fields named like
// secrets in every line of the provider's root logger and of the client
// subsystem. (What the client logs of a server's text, it has masked in
// every form already: internal/client's TestLogs_serverTextRedacted.)
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

// The API key never shows up in Terraform's own TRACE log, which holds the
// provider's log lines too, nor in the CLI's output: not when it comes from
// the environment, not when it is in the provider block, not when the API
// refuses it. The test runs a real build of the provider through the real
// CLI, the way a user's TF_LOG=TRACE run does.
func TestLogs_noSecretAtTrace(t *testing.T) {
	const key = "sk-live-7f3a9c2e1b4d8a6f" // what must never be logged
	emu, url, h := realCLI(t)
	emu.AddKey(key)

	data := webhooksConfig(emulator.DefaultAccountID) + "output \"n\" {\n  value = length(data.eightxeight_webhooks.test.webhooks)\n}\n"
	for name, tc := range map[string]struct {
		config   string
		env      []string
		failWith string
	}{
		"key from the environment": {
			config: "provider \"eightxeight\" {}\n",
			env:    []string{"EIGHTXEIGHT_API_KEY=" + key, "EIGHTXEIGHT_BASE_URL=" + url},
		},
		"key in the provider block": {
			config: fmt.Sprintf("provider \"eightxeight\" {\n  api_key  = %q\n  base_url = %q\n}\n", key, url),
		},
		"key refused by the API": {
			config:   "provider \"eightxeight\" {}\n",
			env:      []string{"EIGHTXEIGHT_API_KEY=" + key + "-revoked", "EIGHTXEIGHT_BASE_URL=" + url},
			failWith: "HTTP 401 Unauthorized",
		},
	} {
		t.Run(name, func(t *testing.T) {
			work, err := h.Workspace("", map[string]string{"main.tf": requiredProviders + tc.config + data})
			if err != nil {
				t.Fatal(err)
			}
			logFile := filepath.Join(work, "trace.log")
			env := h.Env(append(tc.env, "TF_LOG=TRACE", "TF_LOG_PATH="+logFile)...)
			stdout, stderr, err := h.Run(work, env, "plan", "-input=false", "-no-color")
			if tc.failWith == "" && err != nil {
				t.Fatal(err)
			}
			if tc.failWith != "" && (err == nil || !strings.Contains(string(stderr), tc.failWith)) {
				t.Fatalf("want a plan failing with %q; got %v\n%s", tc.failWith, err, stderr)
			}
			log, err := os.ReadFile(logFile)
			if err != nil {
				t.Fatal(err)
			}
			// The log is real: it holds the client's per-request DEBUG line.
			for _, want := range []string{"@module=eightxeight.client", "8x8 API response", "attempt=1", "8x8 API request"} {
				if !strings.Contains(string(log), want) {
					t.Errorf("the TRACE log lacks %q", want)
				}
			}
			for what, text := range map[string][]byte{"TRACE log": log, "stdout": stdout, "stderr": stderr} {
				for _, secret := range []string{key, "Basic dXNlcjpwYXNzd29yZA==", "my-client-secret"} {
					if strings.Contains(string(text), secret) {
						i := strings.Index(string(text), secret)
						t.Errorf("%s holds the secret %q: …%s…", what, secret, text[max(0, i-200):i+len(secret)])
					}
				}
			}
		})
	}
}

// A 1,000-webhook plan logs a handful of provider lines at DEBUG, not one
// per value: Terraform parses every line the provider writes, even without
// TF_LOG. A read that wrote its result into the configuration value would
// make the framework log "Value switched to prior value due to semantic
// equality logic" once per value (91,077 lines at 10,000 webhooks).
func TestLogs_noPerValueLinesInABigPlan(t *testing.T) {
	emu, url, h := realCLI(t)
	const big = "0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d"
	emu.SetWebhooks(big, emulator.Generate(1000))
	config := requiredProviders + "provider \"eightxeight\" {}\n" + webhooksConfig(big) +
		"output \"n\" {\n  value = length([for w in data.eightxeight_webhooks.test.webhooks : w.url if w.enabled])\n}\n"
	work, err := h.Workspace("", map[string]string{"main.tf": config})
	if err != nil {
		t.Fatal(err)
	}
	logFile := filepath.Join(work, "debug.log")
	env := h.Env("EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey, "EIGHTXEIGHT_BASE_URL="+url,
		"TF_LOG_PROVIDER=DEBUG", "TF_LOG_PATH="+logFile)
	stdout, stderr, err := h.Run(work, env, "plan", "-input=false", "-no-color")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(string(stdout), "n = 909") {
		t.Errorf("the plan does not show the 909 enabled webhooks:\n%s", stdout)
	}
	log, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(log), "8x8 API response") {
		t.Fatalf("the log lacks the provider's DEBUG lines; is TF_LOG_PROVIDER honored?\n%.2000s", log)
	}
	if n := strings.Count(string(log), "Value switched to prior value"); n != 0 {
		t.Errorf("the framework logged %d semantic-equality lines", n)
	}
	var provider int
	for _, line := range strings.Split(string(log), "\n") {
		if strings.Contains(line, "terraform-provider-eightxeight") {
			provider++
		}
	}
	if provider > 200 {
		t.Errorf("the provider wrote %d log lines for one read of 1,000 webhooks", provider)
	}
	t.Logf("%d provider log lines at DEBUG", provider)
}

// Text the server controls (reason phrase, Content-Type, a redirect's
// target, a body, a webhook's values) never brings the key, in any form, or
// a terminal escape to the CLI's output or to Terraform's TRACE log.
func TestLogs_serverTextIsSanitised(t *testing.T) {
	const key = "sk-live-7f3a9c2e1b4d8a6f"
	emu, url, h := realCLI(t)
	emu.AddKey(key)
	encoded := []string{
		`\u0073\u006b-live-7f3a9c2e1b4d8a6f`, // JSON escapes
		"%73%6B%2Dlive-7f3a9c2e1b4d8a6f",     // URL encoding
		"sk-live-7f3a9c2e\r\n1b4d8a6f",       // a line break inside
	}
	mangled := []string{
		key[:len(key)-1],          // cut short by one
		key[:10] + "#" + key[11:], // one character changed
	}
	for name, tc := range map[string]struct {
		resp  emulator.Response
		hooks []emulator.Webhook
		want  string
	}{
		"reason phrase": {
			resp: emulator.Response{Raw: "HTTP/1.1 401 \x1b]0;owned\x07Bearer " + key + "\x1b[2J\r\nContent-Length: 0\r\n\r\n"},
			want: "returned HTTP 401 ]0;ownedBearer ***[2J",
		},
		"content type": {
			resp: emulator.Response{Header: http.Header{"Content-Type": {"text/html; echo=" + key}}, Body: "<p>\x1b[2Jhi</p>"},
			want: "The body starts (Content-Type: text/html; echo=***):\n<p>[2Jhi</p>",
		},
		"encoded key in a body": {
			resp: emulator.Response{Status: 401, Header: http.Header{"Content-Type": {"text/plain"}}, Body: "echo " + strings.Join(encoded, " ")},
			want: "it starts:\necho *** *** ***",
		},
		"key mangled in a body": {
			resp: emulator.Response{Status: 401, Header: http.Header{"Content-Type": {"text/plain"}}, Body: "echo " + strings.Join(mangled, " ")},
			want: "it starts:\necho *** ***#***",
		},
		"credential members spelled otherwise": {
			resp: emulator.Response{Status: 502, Header: http.Header{"Content-Type": {"text/plain"}},
				Body: "client_secret: my-client-secret\n'http_authorization': 'Basic dXNlcjpwYXNzd29yZA=='"},
			want: "it starts:\nclient_secret: *** 'http_authorization': '***'",
		},
		"redirect target": {
			resp: emulator.Response{Status: http.StatusFound, Header: http.Header{"Location": {"http://" + key + ".evil.example/x"}}},
			want: "redirected to http://***.evil.example",
		},
		"escape in a webhook's type": {
			hooks: []emulator.Webhook{{Type: "MSG\x1b[2J", SubAccountID: "*", URL: "https://a.example"}},
			want:  `webhook #1 (type "MSG\x1b[2J", subAccountId "*"): type holds a control character (U+001B)`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			if tc.hooks != nil {
				emu.SetWebhooks(emulator.DefaultAccountID, tc.hooks)
				defer emu.SetWebhooks(emulator.DefaultAccountID, emulator.DocumentedExample())
			} else {
				emu.Script(tc.resp)
			}
			config := requiredProviders + "provider \"eightxeight\" {\n  max_retries = 0\n}\n" +
				fmt.Sprintf("data \"eightxeight_webhook\" \"test\" {\n  account_id = %q\n  type = \"CADR\"\n  sub_account_id = \"*\"\n}\n", emulator.DefaultAccountID)
			work, err := h.Workspace("", map[string]string{"main.tf": config})
			if err != nil {
				t.Fatal(err)
			}
			logFile := filepath.Join(work, "trace.log")
			env := h.Env("EIGHTXEIGHT_API_KEY="+key, "EIGHTXEIGHT_BASE_URL="+url, "TF_LOG=TRACE", "TF_LOG_PATH="+logFile)
			stdout, stderr, err := h.Run(work, env, "plan", "-input=false", "-no-color")
			if err == nil {
				t.Fatalf("the plan succeeded:\n%s", stdout)
			}
			if got := strings.Join(strings.Fields(string(stderr)), " "); !strings.Contains(got, strings.Join(strings.Fields(tc.want), " ")) {
				t.Errorf("the output lacks %q:\n%s", tc.want, stderr)
			}
			log, err := os.ReadFile(logFile)
			if err != nil {
				t.Fatal(err)
			}
			for what, text := range map[string][]byte{"TRACE log": log, "stdout": stdout, "stderr": stderr} {
				secrets := append([]string{key, strings.ToUpper(key), key[:10], key[11:], "my-client-secret", "dXNlcjpwYXNzd29yZA=="}, encoded...)
				for _, secret := range append(secrets, mangled...) {
					if i := strings.Index(string(text), secret); i >= 0 {
						t.Errorf("%s holds %q: …%q…", what, secret, text[max(0, i-200):i+len(secret)])
					}
				}
				for _, c := range []string{"\x1b", "\x07"} {
					if i := strings.Index(string(text), c); i >= 0 {
						t.Errorf("%s holds the control character %q: …%q…", what, c, text[max(0, i-100):min(len(text), i+100)])
					}
				}
			}
		})
	}
}

// planTrace runs terraform plan with TF_LOG=TRACE and returns its standard
// error and the log.
func planTrace(t *testing.T, h *tfharness.Harness, url, key string) (stderr, log string) {
	t.Helper()
	work, err := h.Workspace("", map[string]string{"main.tf": requiredProviders + "provider \"eightxeight\" {\n  max_retries = 0\n  request_timeout = \"10m\"\n}\n" +
		webhooksConfig(emulator.DefaultAccountID)})
	if err != nil {
		t.Fatal(err)
	}
	logFile := filepath.Join(work, "trace.log")
	_, errOut, _ := h.Run(work, h.Env("EIGHTXEIGHT_API_KEY="+key, "EIGHTXEIGHT_BASE_URL="+url, "TF_LOG=TRACE", "TF_LOG_PATH="+logFile), "plan", "-input=false", "-no-color")
	b, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	return string(errOut), string(b)
}

// Through the real CLI: a redirect target holding the key reaches neither
// the output nor the TRACE log, and a clientSecret cut short where the
// TRACE log's start of the body ends is masked.
func TestLogs_redirectTargetAndCutSecretMaskedThroughTheCLI(t *testing.T) {
	const key = "sk-live-7f3a9c2e1b4d8a6f"
	emu, url, h := realCLI(t)
	emu.AddKey(key)
	emu.Script(emulator.Response{Status: http.StatusFound, Header: http.Header{"Location": {"/echo/" + key + "/x?auth=Bearer%20" + key}}})
	stderr, log := planTrace(t, h, url, key)
	if n, m := strings.Count(stderr, key), strings.Count(log, key); n+m > 0 || !strings.Contains(stderr, "redirected the request") {
		t.Errorf("the key is in stderr %d times and in the TRACE log %d times:\n%s", n, m, stderr)
	}

	const secret = "UNMASKEDCLIENTSECRETVALUE0123456789"
	pad := strings.Repeat("x", 200-len(`[{"subAccountId":"*","url":"https://a.example/`)-len(`","oauth":{"clientSecret":"`)-19)
	emu.Script(emulator.JSONResponse(`[{"subAccountId":"*","url":"https://a.example/` + pad + `","oauth":{"clientSecret":"` + secret + `"}}]`))
	_, log = planTrace(t, h, url, emulator.DefaultAPIKey)
	if strings.Contains(log, secret[:19]) || !strings.Contains(log, "body_start") {
		i := strings.Index(log, "body_start")
		t.Errorf("the TRACE log holds the start of clientSecret: %.400s", log[max(i, 0):])
	}
}
