//go:build unix

package provider

import (
	"os"
	"path/filepath"
	"testing"
)

// An example skips on a CLI older than its required_version, saying which
// and why, and runs on a newer one; Terraform and OpenTofu both. The CLIs
// are scripts that print what the real ones print.
func TestSkipBelowRequiredVersion(t *testing.T) {
	fake := func(versionLine string) string {
		path := filepath.Join(t.TempDir(), "cli")
		script := "#!/bin/sh\necho '" + versionLine + "'\necho 'on linux_amd64'\n"
		if versionLine == "OpenTofu v1.12.6" { // as OpenTofu prints it when TF_CLI_CONFIG_FILE names a missing file
			script = "#!/bin/sh\nprintf '\\nWarning: Unable to open CLI configuration file\\n\\n'\necho '" + versionLine + "'\necho 'on linux_amd64'\n"
		}
		if err := os.WriteFile(path, []byte(script), 0o700); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, tc := range []struct {
		cli, dir string
		skip     bool
	}{
		{"Terraform v1.5.7", "../../examples/functions/webhooks_drift", true},
		{"Terraform v1.7.5", "../../examples/functions/webhook_key", true},
		{"Terraform v1.8.0", "../../examples/functions/webhook_key", false},
		{"Terraform v1.11.4", "../../examples/functions/webhooks_drift", false},
		{"OpenTofu v1.12.6", "../../examples/functions/webhooks_drift", false},
		{"Terraform v1.5.7", "../../examples/drift-checks/postconditions", false},
		{"Terraform v1.5.7", "../../examples/drift-checks/bootstrap", false},
		{"Terraform v1.5.7", "../../examples/drift-checks/expected-set", true},
		{"Terraform v1.11.4", "../../examples/drift-checks/expected-set", false},
		{"OpenTofu v1.12.6", "../../examples/drift-checks/expected-set", false},
	} {
		var skipped bool
		t.Run(tc.cli, func(t *testing.T) {
			defer func() { skipped = t.Skipped() }()
			skipBelowRequiredVersion(t, fake(tc.cli), tc.dir, readTF(t, tc.dir))
		})
		if skipped != tc.skip {
			t.Errorf("%s, %s: skipped %v, want %v", tc.cli, tc.dir, skipped, tc.skip)
		}
	}
}
