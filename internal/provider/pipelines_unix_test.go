//go:build unix

package provider

import (
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/tfharness"
)

// The pipelines' script, examples/pipelines/drift-check.sh, tells the
// outcomes of a drift check apart on real plans against the emulator: no
// drift (0), drift (2, each message), the 8x8 API unreadable (3, the
// provider's error) and anything else (1). It runs in sh (POSIX) with jq.

const (
	driftCheckScript = "../../examples/pipelines/drift-check.sh"
	expectedSetDir   = "../../examples/drift-checks/expected-set"
)

// scriptRun is one run of drift-check.sh: its exit code and what it printed.
type scriptRun struct {
	code   int
	output string
}

// runDriftCheck runs drift-check.sh with args in work and returns its exit
// code and its standard output and error, together.
func runDriftCheck(t *testing.T, work string, env []string, args ...string) scriptRun {
	t.Helper()
	if _, err := exec.LookPath("jq"); err != nil {
		t.Fatal("drift-check.sh needs jq on PATH")
	}
	script, err := filepath.Abs(driftCheckScript)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", append([]string{script}, args...)...)
	cmd.Dir, cmd.Env = work, env
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return scriptRun{0, string(out)}
	case errors.As(err, &exit):
		return scriptRun{exit.ExitCode(), string(out)}
	}
	t.Fatalf("sh %s: %v\n%s", script, err, out)
	return scriptRun{}
}

// reportPattern is the exact report want, where <url> stands for the
// emulator's URL, <cli> for the CLI's path, and <errorId> and <timestamp>
// for the values 8x8 makes up for each error.
func reportPattern(want, url, cli string) *regexp.Regexp {
	p := regexp.QuoteMeta(want)
	for placeholder, pattern := range map[string]string{
		"<url>":       regexp.QuoteMeta(url),
		"<cli>":       regexp.QuoteMeta(cli),
		"<errorId>":   `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`,
		"<timestamp>": `\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00`,
	} {
		p = strings.ReplaceAll(p, placeholder, pattern)
	}
	return regexp.MustCompile(`\A` + p + `\z`)
}

func TestPipelines_driftCheckScript(t *testing.T) {
	emu, url, h := realCLI(t)
	env := h.Env("EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey, "EIGHTXEIGHT_BASE_URL="+url,
		"TF_VAR_account_id="+emulator.DefaultAccountID, "TERRAFORM="+h.Terraform)
	const noDrift = "No drift: the plan succeeded and no postcondition or check failed.\n"
	const unauthorized = `No verdict: the 8x8 API could not be read. Run the check again later; if it persists, fix what the error names.

%s: 8x8 API error: GET <url>/api/v1/accounts/3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f/webhooks returned HTTP 401 Unauthorized
  8x8 error code: 1200
  Message: Request was not authenticated properly
  errorId: <errorId> (quote it to 8x8 support)
  Timestamp: <timestamp>

  Check api_key (or EIGHTXEIGHT_API_KEY), and that region (or base_url) is the account's region: a key is known only in its own region.
`
	// A check block whose data source sits inside it, as HashiCorp's
	// documentation suggests: its errors, 8x8's included, are warnings.
	const scoped = requiredProviders + `
variable "account_id" {
  type = string
}

check "scoped" {
  data "eightxeight_webhooks" "all" {
    account_id = var.account_id
  }

  assert {
    condition     = length(data.eightxeight_webhooks.all.webhooks) == 4
    error_message = "The account has ${length(data.eightxeight_webhooks.all.webhooks)} webhooks."
  }
}
`
	for _, tc := range []struct {
		name    string
		dir     string // an example folder, or "" for config alone
		config  string // main.tf, added to the folder's files
		account []emulator.Webhook
		script  []emulator.Response
		env     []string
		args    []string
		code    int
		report  string // see reportPattern
	}{{
		name: "expected set, no drift", dir: expectedSetDir,
		code: 0, report: noDrift,
	}, {
		name: "expected set, drift", dir: expectedSetDir, account: changedAccount(),
		code: 2, report: "Drift: the 8x8 webhooks differ from what the configuration expects.\n\n" +
			"check \"webhooks_as_expected\": Check block assertion failed\n  " +
			strings.ReplaceAll(changedAccountDrift, "\n", "\n  ") + "\n",
	}, {
		name: "expected set, 503 not retried", dir: expectedSetDir,
		script: []emulator.Response{emulator.ErrorResponse(http.StatusServiceUnavailable, emulator.CodeInternal, "Service temporarily unavailable")},
		env:    []string{"EIGHTXEIGHT_MAX_RETRIES=0"},
		code:   3, report: `No verdict: the 8x8 API could not be read. Run the check again later; if it persists, fix what the error names.

data "eightxeight_webhooks" "all": 8x8 API error: GET <url>/api/v1/accounts/3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f/webhooks returned HTTP 503 Service Unavailable
  8x8 error code: 2000
  Message: Service temporarily unavailable
  errorId: <errorId> (quote it to 8x8 support)
  Timestamp: <timestamp>

  8x8 had a server-side problem; run again later, and give the errorId to 8x8 support if it persists.
`,
	}, {
		name: "expected set, unknown key", dir: expectedSetDir, env: []string{"EIGHTXEIGHT_API_KEY=not-the-key"},
		code: 3, report: strings.Replace(unauthorized, "%s", `data "eightxeight_webhooks" "all"`, 1),
	}, {
		name: "postcondition", dir: "../../examples/drift-checks/postconditions",
		args: []string{"-var=expected_receipts_url=https://receipts.example.com/8x8"},
		code: 2, report: `Drift: the 8x8 webhooks differ from what the configuration expects.

data "eightxeight_webhook" "marketing_receipts": Resource postcondition failed
  Drift: the CADR webhook of Onion_Marketing points at http://example.com/dr/marketing (enabled = true); it must be https://receipts.example.com/8x8, enabled.
`,
	}, {
		name: "postcondition, webhook gone", dir: "../../examples/drift-checks/postconditions",
		account: emulator.DocumentedExample()[1:], // without CADR/Onion_Marketing
		code:    2, report: `Drift: the 8x8 webhooks differ from what the configuration expects.

data "eightxeight_webhook" "marketing_receipts": No such webhook
  Account 3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f has no webhook with key "CADR/Onion_Marketing".

  The account's 3 webhooks, by key ("<type>/<sub_account_id>"):
    "CABM/*"
    "MSG/*"
    "MSG/Onion_Marketing"
`,
	}, {
		name: "check block, unknown key", dir: "../../examples/drift-checks/check-blocks", env: []string{"EIGHTXEIGHT_API_KEY=not-the-key"},
		code: 3, report: strings.Replace(unauthorized, "%s", `data "eightxeight_webhooks" "enabled"`, 1),
	}, {
		name: "check block, configuration error", dir: "../../examples/drift-checks/check-blocks", env: []string{"TF_VAR_account_id=nope"},
		code: 1, report: `No verdict: the drift check could not run (<cli> plan exited with 1).

data "eightxeight_webhooks" "enabled": Invalid account_id
  The value is not an 8x8 account id: it has 4 characters, and its character 1, "n", cannot be in one; write a UUID, 32 hexadecimal digits with optional dashes, such as "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
`,
	}, {
		name: "scoped data source, drift", config: scoped, account: emulator.DocumentedExample()[1:],
		code: 2, report: `Drift: the 8x8 webhooks differ from what the configuration expects.

check "scoped": Check block assertion failed
  The account has 3 webhooks.
`,
	}, {
		name: "scoped data source, unknown key", config: scoped, env: []string{"EIGHTXEIGHT_API_KEY=not-the-key"},
		code: 3, report: strings.Replace(unauthorized, "%s", `check "scoped"`, 1),
	}, {
		name: "scoped data source, configuration error", config: scoped, env: []string{"TF_VAR_account_id=nope"},
		code: 1, report: `No verdict: the drift check could not run (<cli> plan exited with 0).

check "scoped": The check could not run
  Invalid account_id: The value is not an 8x8 account id: it has 4 characters, and its character 1, "n", cannot be in one; write a UUID, 32 hexadecimal digits with optional dashes, such as "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
`,
	}, {
		name: "check not decided by the plan", config: `resource "terraform_data" "later" {
  input = "a"
}

check "after_apply" {
  assert {
    condition     = terraform_data.later.output == "a"
    error_message = "Not a."
  }
}
`,
		code: 1, report: `No verdict: the plan could not decide every check.

check "after_apply": Not decided by the plan: it depends on a value known only after apply
`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.dir != "" {
				skipBelowRequiredVersion(t, h.Terraform, tc.dir, readTF(t, tc.dir))
			}
			account := emulator.DocumentedExample()
			if tc.account != nil {
				account = tc.account
			}
			emu.SetWebhooks(emulator.DefaultAccountID, account)
			t.Cleanup(func() { emu.SetWebhooks(emulator.DefaultAccountID, emulator.DocumentedExample()) })
			var extra map[string]string
			if tc.config != "" {
				extra = map[string]string{"main.tf": tc.config}
			}
			work, err := h.Workspace(tc.dir, extra)
			if err != nil {
				t.Fatal(err)
			}
			emu.ResetRequests()
			emu.Script(tc.script...)
			got := runDriftCheck(t, work, append(env[:len(env):len(env)], tc.env...), tc.args...)
			if got.code != tc.code || !reportPattern(tc.report, url, h.Terraform).MatchString(got.output) {
				t.Errorf("exit code %d, want %d; printed:\n%s\nwant:\n%s", got.code, tc.code, got.output, tc.report)
			}
			if tc.script != nil && emu.RequestCount() != 1 {
				t.Errorf("%d requests, want 1: the scripted answer", emu.RequestCount())
			}
			// Its plan file and JSON go to a temporary folder.
			if entries, err := os.ReadDir(work); err != nil || len(entries) != len(mustGlob(t, work)) {
				t.Errorf("the configuration's folder holds more than its .tf files after drift-check.sh: %v (%v)", entries, err)
			}
		})
	}
}

// mustGlob lists the .tf files of dir.
func mustGlob(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// The jq line of the expected-set example (and of the guide, README and the
// check blocks example) prints each failed check's message, every line of
// webhooks_drift's, and nothing for a passing check.
func TestPipelines_jqLine(t *testing.T) {
	skipBelowRequiredVersion(t, tfharness.CLI(), expectedSetDir, readTF(t, expectedSetDir))
	if _, err := exec.LookPath("jq"); err != nil {
		t.Fatal("the test needs jq on PATH")
	}
	m := regexp.MustCompile(`(?m)^#   terraform show -json tfplan \| jq -r '([^']+)'$`).FindStringSubmatch(readTF(t, expectedSetDir))
	if m == nil {
		t.Fatalf("no jq line in %s", expectedSetDir)
	}
	filter := m[1]
	// The guide, README and the check blocks example give the same line.
	for _, doc := range []string{"../../templates/guides/drift-checks-in-ci.md.tmpl", "../../README.md", "../../examples/drift-checks/check-blocks/main.tf"} {
		text, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(text), "terraform show -json tfplan | jq -r '"+filter+"'") {
			t.Errorf("%s does not give the jq line of %s", doc, expectedSetDir)
		}
		if strings.Contains(string(text), "length == 0' plan.json") {
			t.Errorf("%s still gives the jq line that prints only true or false", doc)
		}
	}
	emu, url, h := realCLI(t)
	env := h.Env("EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey, "EIGHTXEIGHT_BASE_URL="+url,
		"TF_VAR_account_id="+emulator.DefaultAccountID)
	work, err := h.Workspace(expectedSetDir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.SetWebhooks(emulator.DefaultAccountID, emulator.DocumentedExample()) })
	for _, tc := range []struct {
		account []emulator.Webhook
		want    string
	}{
		{emulator.DocumentedExample(), ""},
		{changedAccount(), changedAccountDrift + "\n"},
	} {
		emu.SetWebhooks(emulator.DefaultAccountID, tc.account)
		if _, stderr, err := h.Run(work, env, "plan", "-input=false", "-no-color", "-out=tfplan"); err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		plan, stderr, err := h.Run(work, env, "show", "-json", "tfplan")
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		jq := exec.Command("jq", "-r", filter)
		jq.Stdin = strings.NewReader(string(plan))
		out, err := jq.Output()
		if err != nil || string(out) != tc.want {
			t.Errorf("jq -r '%s' printed (%v):\n%s\nwant:\n%s", filter, err, out, tc.want)
		}
	}
}

// driftCheckStep is the step of the example workflow that runs
// drift-check.sh, and the shell GitHub runs it with.
func driftCheckStep(t *testing.T) (step githubStep, shell string) {
	t.Helper()
	var wf githubWorkflowFile
	readYAML(t, githubWorkflow, true, &wf)
	job := wf.Jobs["drift"]
	for _, s := range job.Steps {
		if s.ID == "check" {
			return s, job.Defaults.Run.Shell
		}
	}
	t.Fatalf("%s: no step with id check in job drift", githubWorkflow)
	return githubStep{}, ""
}

// The drift check step of the GitHub workflow, run as GitHub runs it (bash
// --noprofile --norc -eo pipefail) on real plans against the emulator: each
// outcome has its exit code, its annotation, its job output and the report
// in the job summary.
func TestPipelines_githubActionsStep(t *testing.T) {
	skipBelowRequiredVersion(t, tfharness.CLI(), expectedSetDir, readTF(t, expectedSetDir))
	step, shell := driftCheckStep(t)
	if shell != "bash" {
		t.Fatalf("the workflow's shell is %q; the test runs bash", shell)
	}
	script, err := os.ReadFile(driftCheckScript)
	if err != nil {
		t.Fatal(err)
	}
	emu, url, h := realCLI(t)
	t.Cleanup(func() { emu.SetWebhooks(emulator.DefaultAccountID, emulator.DocumentedExample()) })
	for _, tc := range []struct {
		name       string
		account    []emulator.Webhook
		script     []emulator.Response
		env        []string
		code       int
		outcome    string
		annotation string
	}{
		{"no drift", emulator.DocumentedExample(), nil, nil, 0, "no-drift",
			"::notice title=No drift::No drift: the plan succeeded and no postcondition or check failed."},
		{"drift", changedAccount(), nil, nil, 2, "drift",
			"::error title=Webhook drift::Drift: the 8x8 webhooks differ from what the configuration expects. See the job summary."},
		{"8x8 API unavailable", emulator.DocumentedExample(),
			[]emulator.Response{emulator.ErrorResponse(http.StatusServiceUnavailable, emulator.CodeInternal, "Service temporarily unavailable")},
			[]string{"EIGHTXEIGHT_MAX_RETRIES=0"}, 3, "api-unavailable",
			"::error title=8x8 API unavailable::No verdict: the 8x8 API could not be read. Run the check again later; if it persists, fix what the error names. See the job summary."},
		{"broken", emulator.DocumentedExample(), nil, []string{"TF_VAR_account_id=not-an-account"}, 1, "error",
			"::error title=Drift check broken::No verdict: the drift check could not run (" + h.Terraform + " plan exited with 1). See the job summary."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			emu.SetWebhooks(emulator.DefaultAccountID, tc.account)
			emu.Script(tc.script...)
			// The job's working directory, drift/: the configuration and the script.
			work, err := h.Workspace(expectedSetDir, map[string]string{"drift-check.sh": string(script), "step.sh": step.Run})
			if err != nil {
				t.Fatal(err)
			}
			runner := t.TempDir()
			output, summary := filepath.Join(runner, "output"), filepath.Join(runner, "summary")
			cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "step.sh")
			cmd.Dir = work
			cmd.Env = append(h.Env("EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey, "EIGHTXEIGHT_BASE_URL="+url,
				"TF_VAR_account_id="+emulator.DefaultAccountID, "TERRAFORM="+h.Terraform,
				"GITHUB_OUTPUT="+output, "GITHUB_STEP_SUMMARY="+summary), tc.env...)
			stdout, err := cmd.Output()
			code := 0
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				code = exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			guarded, found := strings.CutSuffix(string(stdout), tc.annotation+"\n")
			if code != tc.code || !found {
				t.Fatalf("exit code %d, want %d; printed:\n%s\nwant it to end with:\n%s", code, tc.code, stdout, tc.annotation)
			}
			// The report is printed with workflow commands stopped: a line
			// of it that looks like one (the account's text, wrapped) is
			// only text.
			report, token := "", ""
			if m := regexp.MustCompile(`(?s)^::stop-commands::([0-9a-f]{32})\n(.*)::([0-9a-f]{32})::\n$`).FindStringSubmatch(guarded); m != nil && m[1] == m[3] {
				report, token = m[2], m[1]
			}
			if token == "" {
				t.Fatalf("the report is not printed between ::stop-commands::TOKEN and ::TOKEN:::\n%s", guarded)
			}
			// The annotation quotes the report's first line, its verdict.
			_, message, _ := strings.Cut(strings.TrimPrefix(tc.annotation, "::"), "::")
			if verdict := strings.TrimSuffix(message, " See the job summary."); !strings.HasPrefix(report, verdict+"\n") {
				t.Errorf("the report does not start with %q:\n%s", verdict, report)
			}
			if b, _ := os.ReadFile(output); string(b) != "outcome="+tc.outcome+"\n" {
				t.Errorf("GITHUB_OUTPUT holds %q, want outcome=%s", b, tc.outcome)
			}
			escaped := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(report)
			if b, _ := os.ReadFile(summary); string(b) != "<pre>\n"+escaped+"</pre>\n" {
				t.Errorf("the job summary is\n%s\nwant the report, HTML-escaped, in a <pre> block:\n%s", b, report)
			}
		})
	}
}

// A plan whose saved form reads back as nothing (here a CLI whose show
// prints nothing and exits 0) ends without a verdict: the script never
// takes what it cannot read for "no drift".
func TestPipelines_driftCheckUnreadableIsNoVerdict(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "terraform")
	script := `#!/bin/sh
if [ "$1" = plan ]; then
  echo '{"type":"diagnostic","diagnostic":{"severity":"warning","summary":"Check block assertion failed","detail":"MSG/*: missing"}}'
fi
exit 0
`
	if err := os.WriteFile(fake, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	run := runDriftCheck(t, dir, append(os.Environ(), "TERRAFORM="+fake))
	if want := "No verdict: the plan's diagnostics could not be read.\n"; run.code != 1 || run.output != want {
		t.Errorf("exit %d, output %q; want exit 1, %q", run.code, run.output, want)
	}
}
