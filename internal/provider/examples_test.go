package provider

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// Every example under examples/ plans against the emulator through a real
// build and the real CLI, so that none can rot.
func TestExamples_planAgainstEmulator(t *testing.T) {
	_, url, h := realCLI(t)
	env := h.Env("EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey, "EIGHTXEIGHT_BASE_URL="+url,
		"TF_VAR_account_id="+emulator.DefaultAccountID)

	dirs := exampleDirs(t, "../../examples")
	if len(dirs) < 6 {
		t.Fatalf("found only %d example folders: %v", len(dirs), dirs)
	}
	for _, dir := range dirs {
		t.Run(strings.TrimPrefix(dir, "../../examples/"), func(t *testing.T) {
			work, err := h.Workspace(dir, requiredProvidersIfMissing(t, dir))
			if err != nil {
				t.Fatal(err)
			}
			if _, stderr, err := h.Run(work, env, "plan", "-input=false", "-no-color", "-out=tfplan"); err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
		})
	}
}

// The drift check's rules work as its comments say: the https check fails on
// the documented example (its URLs are http://) and shows up in the plan
// JSON that CI reads; the postcondition fails the plan itself on drift.
func TestExamples_driftCheck(t *testing.T) {
	_, url, h := realCLI(t)
	work, err := h.Workspace("../../examples/drift-check", nil)
	if err != nil {
		t.Fatal(err)
	}
	env := h.Env("EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey, "EIGHTXEIGHT_BASE_URL="+url,
		"TF_VAR_account_id="+emulator.DefaultAccountID)

	_, stderr, err := h.Run(work, env, "plan", "-input=false", "-no-color", "-out=tfplan")
	if err != nil {
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
	if status["enabled_webhooks_use_https"] != "fail" || status["account_wide_inbound_webhook_exists"] != "pass" {
		t.Errorf("check results %v", status)
	}

	_, stderr, err = h.Run(work, append(env, "TF_VAR_expected_receipts_url=https://receipts.example.com/8x8"),
		"plan", "-input=false", "-no-color")
	want := regexp.MustCompile(`(?s)Drift: the CADR webhook of Onion_Marketing points at\s+http://example.com/dr/marketing.*https://receipts.example.com/8x8`)
	if err == nil || !want.Match(stderr) {
		t.Errorf("want the plan to fail on the postcondition; got %v\n%s", err, stderr)
	}
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

// requiredProvidersIfMissing adds the required_providers block that
// tfplugindocs' data source snippets leave out.
func requiredProvidersIfMissing(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "required_providers") {
			return nil
		}
	}
	return map[string]string{"zz_required_providers.tf": requiredProviders}
}
