package provider

import (
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Every example declares the CLI version it needs: required_version >=
// 1.8.0 for those that call a provider function (functions came in
// Terraform 1.8), >= 1.5.0 for the others. On an older CLI,
// TestExamples_planAgainstEmulator skips an example, saying so, instead of
// failing on the constraint.

// skipBelowRequiredVersion checks that the example in dir, whose .tf files
// are tf, declares the required_version it needs, and skips t when the CLI
// is older.
func skipBelowRequiredVersion(t *testing.T, cli, dir, tf string) {
	t.Helper()
	m := requiredVersionPattern.FindStringSubmatch(tf)
	if m == nil {
		t.Fatalf("%s declares no required_version = \">= X.Y.Z\"", dir)
	}
	required := versionOf(m[1:])
	want, reason := [3]int{1, 5, 0}, ""
	if strings.Contains(tf, "provider::eightxeight::") {
		want, reason = [3]int{1, 8, 0}, " (provider functions came in Terraform 1.8)"
	}
	if required != want {
		t.Errorf("%s requires >= %s, want >= %s%s", dir, formatVersion(required), formatVersion(want), reason)
	}
	have, name, err := cliVersion(cli)
	if err != nil {
		t.Fatal(err)
	}
	if compareVersions(have, required) < 0 {
		t.Skipf("%s requires %s >= %s%s; this CLI is %s %s", dir, name, formatVersion(required), reason, name, formatVersion(have))
	}
}

var requiredVersionPattern = regexp.MustCompile(`required_version = ">= (\d+)\.(\d+)\.(\d+)"`)

// cliVersionPattern is the line of `terraform version` or `tofu version`
// that names the CLI, "Terraform v1.11.4" or "OpenTofu v1.12.6": the first,
// unless the CLI warns about its configuration first (OpenTofu does so on
// standard output).
var cliVersionPattern = regexp.MustCompile(`(?m)^(Terraform|OpenTofu) v(\d+)\.(\d+)\.(\d+)`)

var cliVersions sync.Map // CLI path → cliVersionResult

type cliVersionResult struct {
	version [3]int
	name    string
	err     error
}

// cliVersion is the version and name (Terraform or OpenTofu) of the CLI.
func cliVersion(cli string) ([3]int, string, error) {
	if v, ok := cliVersions.Load(cli); ok {
		r := v.(cliVersionResult) //nolint:forcetypeassert // only cliVersionResults are stored
		return r.version, r.name, r.err
	}
	var r cliVersionResult
	out, err := exec.Command(cli, "version").Output()
	if m := cliVersionPattern.FindSubmatch(out); err == nil && m != nil {
		r.name = string(m[1])
		r.version = versionOf([]string{string(m[2]), string(m[3]), string(m[4])})
	} else {
		r.err = fmt.Errorf("%s version: %v\n%s", cli, err, out)
	}
	cliVersions.Store(cli, r)
	return r.version, r.name, r.err
}

// versionOf is the version of three decimal parts.
func versionOf(parts []string) [3]int {
	var v [3]int
	for i := range v {
		v[i], _ = strconv.Atoi(parts[i]) // the patterns match digits only
	}
	return v
}

func compareVersions(a, b [3]int) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

func formatVersion(v [3]int) string { return fmt.Sprintf("%d.%d.%d", v[0], v[1], v[2]) }

// The skip decides as Terraform does for ">= X.Y.Z".
func TestCompareVersions(t *testing.T) {
	for _, tc := range []struct {
		a, b [3]int
		want int
	}{
		{[3]int{1, 5, 7}, [3]int{1, 8, 0}, -1},
		{[3]int{1, 8, 0}, [3]int{1, 8, 0}, 0},
		{[3]int{1, 11, 4}, [3]int{1, 8, 0}, 1},
		{[3]int{1, 12, 6}, [3]int{1, 8, 0}, 1},
		{[3]int{1, 7, 9}, [3]int{1, 8, 0}, -1},
		{[3]int{2, 0, 0}, [3]int{1, 8, 0}, 1},
		{[3]int{1, 8, 1}, [3]int{1, 8, 0}, 1},
	} {
		if got := compareVersions(tc.a, tc.b); got != tc.want {
			t.Errorf("compareVersions(%v, %v) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
