package provider

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/tfharness"
)

// Every example under examples/ plans against the emulator through a real
// build and the real CLI, so that none can rot, and declares the same
// required_version and version constraint.
func TestExamples_planAgainstEmulator(t *testing.T) {
	_, url, h := realCLI(t)
	env := h.Env("EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey, "EIGHTXEIGHT_BASE_URL="+url,
		"TF_VAR_account_id="+emulator.DefaultAccountID)

	dirs := exampleDirs(t, "../../examples")
	if len(dirs) < 8 {
		t.Fatalf("found only %d example folders: %v", len(dirs), dirs)
	}
	// Examples that call a provider function require 1.8.0
	// (functions_examples_test.go).
	constraints := regexp.MustCompile(`(?s)required_version = ">= 1\.[58]\.0".*source  = "eightxeight/eightxeight"\s+version = "~> 0\.1"`)
	for _, dir := range dirs {
		t.Run(strings.TrimPrefix(dir, "../../examples/"), func(t *testing.T) {
			tf := readTF(t, dir)
			if !constraints.MatchString(tf) {
				t.Errorf("%s lacks the terraform block every example has (required_version >= 1.5.0, or 1.8.0 for functions; version ~> 0.1)", dir)
			}
			skipBelowRequiredVersion(t, h.Terraform, dir, tf)
			work, err := h.Workspace(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, stderr, err := h.Run(work, env, "plan", "-input=false", "-no-color", "-out=tfplan"); err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
		})
	}
}

// The postconditions, check blocks and outputs baseline of the drift
// checks guide work as it says, through a real build and the real CLI (the
// expected set: TestExamples_expectedSet).
func TestExamples_driftChecks(t *testing.T) {
	emu, url, h := realCLI(t)
	env := h.Env("EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey, "EIGHTXEIGHT_BASE_URL="+url,
		"TF_VAR_account_id="+emulator.DefaultAccountID)
	workspace := func(t *testing.T, name string) string {
		t.Helper()
		work, err := h.Workspace("../../examples/drift-checks/"+name, nil)
		if err != nil {
			t.Fatal(err)
		}
		return work
	}

	// A postcondition passes on the documented account, and fails the plan
	// with its message when the expected URL differs.
	t.Run("postconditions", func(t *testing.T) {
		work := workspace(t, "postconditions")
		if _, stderr, err := h.Run(work, env, "plan", "-input=false", "-no-color"); err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		_, stderr, err := h.Run(work, append(env, "TF_VAR_expected_receipts_url=https://receipts.example.com/8x8"),
			"plan", "-input=false", "-no-color")
		want := regexp.MustCompile(`(?s)Resource postcondition failed.*Drift: the CADR webhook of Onion_Marketing points at\s+http://example.com/dr/marketing.*https://receipts.example.com/8x8`)
		if err == nil || !want.Match(stderr) {
			t.Errorf("want the plan to fail on the postcondition; got %v\n%s", err, stderr)
		}
	})

	// check blocks only warn; their results are in the plan JSON that CI
	// reads: the https check fails (the documented URLs are http://), the
	// account-wide MSG check passes.
	t.Run("check-blocks", func(t *testing.T) {
		work := workspace(t, "check-blocks")
		want := map[string]planCheck{
			"enabled_webhooks_use_https": {"fail", []string{"Enabled webhooks that do not use https: " +
				"CADR/Onion_Marketing -> http://example.com/dr/marketing, MSG/* -> http://example.com/dr/general, " +
				"MSG/Onion_Marketing -> http://example.com/dr/sales."}},
			"account_wide_inbound_webhook_exists": {"pass", nil},
		}
		if got := planChecks(t, h, work, env); !reflect.DeepEqual(got, want) {
			t.Errorf("check results %v, want %v", got, want)
		}
	})

	// After one apply, plan -detailed-exitcode exits 0 while nothing
	// changes and 2, showing the change, when a webhook moves.
	t.Run("outputs-baseline", func(t *testing.T) {
		emu.SetWebhooks(emulator.DefaultAccountID, emulator.DocumentedExample())
		t.Cleanup(func() { emu.SetWebhooks(emulator.DefaultAccountID, emulator.DocumentedExample()) })
		work := workspace(t, "outputs-baseline")
		if _, stderr, err := h.Run(work, env, "apply", "-input=false", "-no-color", "-auto-approve"); err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		if _, stderr, err := h.Run(work, env, "plan", "-input=false", "-no-color", "-detailed-exitcode"); err != nil {
			t.Fatalf("no drift must exit 0: %v\n%s", err, stderr)
		}
		moved := emulator.DocumentedExample()
		moved[2].URL = "https://hijacked.example/dr/general" // MSG/*
		emu.SetWebhooks(emulator.DefaultAccountID, moved)
		stdout, _, err := h.Run(work, env, "plan", "-input=false", "-no-color", "-detailed-exitcode")
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 2 {
			t.Fatalf("drift must exit 2; got %v\n%s", err, stdout)
		}
		if want := regexp.MustCompile(`"http://example.com/dr/general" -> "https://hijacked.example/dr/general"`); !want.Match(stdout) {
			t.Errorf("the plan does not show the moved URL:\n%s", stdout)
		}
	})
}

// The expected set: expected-set/expected_webhooks.tf is what the bootstrap
// prints for the documented account, pasted; pasted either way (HCL or
// JSON), it finds no drift, and a changed account fails the check with one
// line per difference. Through a real build and the real CLI.
func TestExamples_expectedSet(t *testing.T) {
	const dir = "../../examples/drift-checks/expected-set"
	skipBelowRequiredVersion(t, tfharness.CLI(), dir, readTF(t, dir))
	emu, url, h := realCLI(t)
	env := h.Env("EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey, "EIGHTXEIGHT_BASE_URL="+url,
		"TF_VAR_account_id="+emulator.DefaultAccountID)
	noDrift := map[string]planCheck{"webhooks_as_expected": {"pass", nil}}

	t.Run("bootstrap", func(t *testing.T) {
		boot, err := h.Workspace("../../examples/drift-checks/bootstrap", nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, stderr, err := h.Run(boot, env, "apply", "-input=false", "-no-color", "-auto-approve"); err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		hcl, stderr, err := h.Run(boot, env, "output", "-no-color", "expected_webhooks")
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		jsonValue, stderr, err := h.Run(boot, env, "output", "-json", "expected_webhooks")
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		// The guide's third way to print it.
		console := exec.Command(h.Terraform, "console")
		console.Dir, console.Env, console.Stdin = boot, env, strings.NewReader("local.expected_webhooks\n")
		if printed, err := console.Output(); err != nil || string(printed) != string(hcl) {
			t.Errorf("terraform console printed (%v)\n%s\nterraform output printed\n%s", err, printed, hcl)
		}

		for name, value := range map[string][]byte{"output": hcl, "output -json": jsonValue} {
			pasted := "locals {\n  expected_webhooks = " + string(value) + "}\n"
			work, err := h.Workspace(dir, map[string]string{"expected_webhooks.tf": pasted})
			if err != nil {
				t.Fatal(err)
			}
			if got := planChecks(t, h, work, env); !reflect.DeepEqual(got, noDrift) {
				t.Errorf("the value of terraform %s, pasted: check results %v, want %v\n%s", name, got, noDrift, pasted)
			}
			if name != "output" {
				continue
			}
			// The committed file is that paste, formatted, under its comment.
			if _, stderr, err := h.Run(work, env, "fmt", "expected_webhooks.tf"); err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			formatted, err := os.ReadFile(filepath.Join(work, "expected_webhooks.tf"))
			if err != nil {
				t.Fatal(err)
			}
			committed, err := os.ReadFile(filepath.Join(dir, "expected_webhooks.tf"))
			if err != nil {
				t.Fatal(err)
			}
			if body := regexp.MustCompile(`\A(#.*\n)+`).ReplaceAll(committed, nil); string(body) != string(formatted) {
				t.Errorf("%s/expected_webhooks.tf is not what the bootstrap prints for the documented account; it should hold, below its comment:\n%s", dir, formatted)
			}
		}
	})

	t.Run("committed", func(t *testing.T) {
		t.Cleanup(func() { emu.SetWebhooks(emulator.DefaultAccountID, emulator.DocumentedExample()) })
		work, err := h.Workspace(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		emu.SetWebhooks(emulator.DefaultAccountID, emulator.DocumentedExample())
		if got := planChecks(t, h, work, env); !reflect.DeepEqual(got, noDrift) {
			t.Errorf("the documented account: check results %v, want %v", got, noDrift)
		}
		emu.SetWebhooks(emulator.DefaultAccountID, changedAccount())
		want := map[string]planCheck{"webhooks_as_expected": {"fail", []string{changedAccountDrift}}}
		if got := planChecks(t, h, work, env); !reflect.DeepEqual(got, want) {
			t.Errorf("the changed account: check results %v, want %v", got, want)
		}
	})
}

// changedAccount is the documented account after changes in the portal:
// CABM/* deleted, CADR/Sales added, MSG/* moved, MSG/Onion_Marketing
// disabled, the OAuth scope of CADR/Onion_Marketing narrowed.
func changedAccount() []emulator.Webhook {
	hooks := emulator.DocumentedExample()
	hooks[0].OAuth.Scope = "read"                                                                                     // CADR/Onion_Marketing
	hooks[1].Enabled = emulator.Bool(false)                                                                           // MSG/Onion_Marketing
	hooks[2].URL = "https://hijacked.example/dr/general"                                                              // MSG/*
	hooks[3] = emulator.Webhook{Type: "CADR", SubAccountID: "Sales", URL: "https://hooks.example.com/sales/receipts"} // replaces CABM/*
	return hooks
}

// changedAccountDrift is what webhooks_drift says of changedAccount against
// the expected set of the documented account.
const changedAccountDrift = `CABM/*: missing (expected, not in the account)
CADR/Onion_Marketing: oauth.scope is "read" in the account, expected "read write"
CADR/Sales: unexpected (in the account, not expected)
MSG/*: url is "https://hijacked.example/dr/general" in the account, expected "http://example.com/dr/general"
MSG/Onion_Marketing: enabled is false in the account, expected true`

// planCheck is the result of one check block in a saved plan: its status
// and the messages of its failed assertions.
type planCheck struct {
	Status   string
	Problems []string
}

// planChecks plans work into a file and returns its check blocks' results
// by name, as `terraform show -json` gives them.
func planChecks(t *testing.T, h *tfharness.Harness, work string, env []string) map[string]planCheck {
	t.Helper()
	if _, stderr, err := h.Run(work, env, "plan", "-input=false", "-no-color", "-out=tfplan"); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	stdout, stderr, err := h.Run(work, env, "show", "-json", "tfplan")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var plan struct {
		Checks []struct {
			Address struct {
				Kind string `json:"kind"`
				Name string `json:"name"`
			} `json:"address"`
			Status    string `json:"status"`
			Instances []struct {
				Problems []struct {
					Message string `json:"message"`
				} `json:"problems"`
			} `json:"instances"`
		} `json:"checks"`
	}
	if err := json.Unmarshal(stdout, &plan); err != nil {
		t.Fatal(err)
	}
	checks := map[string]planCheck{}
	for _, c := range plan.Checks {
		if c.Address.Kind != "check" {
			continue
		}
		result := planCheck{Status: c.Status}
		for _, i := range c.Instances {
			for _, p := range i.Problems {
				result.Problems = append(result.Problems, p.Message)
			}
		}
		checks[c.Address.Name] = result
	}
	return checks
}

// exampleDirs lists the folders below root that hold .tf files.
func exampleDirs(t *testing.T, root string) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if tf, _ := filepath.Glob(filepath.Join(path, "*.tf")); len(tf) > 0 {
			dirs = append(dirs, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// readTF is the .tf files of dir, concatenated.
func readTF(t *testing.T, dir string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	var b strings.Builder
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(text)
	}
	return b.String()
}
