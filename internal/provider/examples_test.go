package provider

import (
	"encoding/json"
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
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

// The three drift checks of the guide work as it says, through a real
// build and the real CLI.
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
		if _, stderr, err := h.Run(work, env, "plan", "-input=false", "-no-color", "-out=tfplan"); err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		stdout, _, err := h.Run(work, env, "show", "-json", "tfplan")
		if err != nil {
			t.Fatal(err)
		}
		var plan struct {
			Checks []struct {
				Address struct {
					Name string `json:"name"`
				} `json:"address"`
				Status string `json:"status"`
			} `json:"checks"`
		}
		if err := json.Unmarshal(stdout, &plan); err != nil {
			t.Fatal(err)
		}
		status := map[string]string{}
		for _, c := range plan.Checks {
			status[c.Address.Name] = c.Status
		}
		if want := map[string]string{"enabled_webhooks_use_https": "fail", "account_wide_inbound_webhook_exists": "pass"}; !maps.Equal(status, want) {
			t.Errorf("check results %v, want %v", status, want)
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
