package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// module is this repository's module path.
const module = "github.com/eightxeight/terraform-provider-eightxeight"

// deps lists the packages the binary built from pkg (relative to the
// module root) links, each with the packages it imports.
func deps(t *testing.T, pkg string) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, pkg)
	cmd.Dir = "../../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", pkg, err)
	}
	linked := map[string][]string{}
	for line := range strings.Lines(string(out)) {
		if fields := strings.Fields(line); len(fields) > 0 {
			linked[fields[0]] = fields[1:]
		}
	}
	if len(linked) == 0 {
		t.Fatalf("go list -deps %s listed nothing", pkg)
	}
	return linked
}

// importers lists the packages of linked that import target.
func importers(linked map[string][]string, target string) []string {
	var out []string
	for p, imports := range linked {
		if slices.Contains(imports, target) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// The emulator command links no test code, package testing included: the
// emulator's test helpers (NewTLSServer) live in
// internal/emulator/emulatortest for that reason.
func TestBinaries_emulatorLinksNoTesting(t *testing.T) {
	linked := deps(t, "./internal/cmd/emulator")
	if _, ok := linked["testing"]; ok {
		t.Errorf("the emulator command links package testing, imported by %q", importers(linked, "testing"))
	}
}

// The provider binary links package testing only through go-plugin (its
// exported test helpers, which nothing calls), and none of this module's
// test code: not the emulator, not its test helpers, not the Terraform
// test harness.
func TestBinaries_providerLinksNoTestCode(t *testing.T) {
	linked := deps(t, ".")
	for _, p := range importers(linked, "testing") {
		if p != "github.com/hashicorp/go-plugin" {
			t.Errorf("%s, linked into the provider binary, imports package testing", p)
		}
	}
	for _, pkg := range []string{"internal/emulator", "internal/emulator/emulatortest", "internal/tfharness"} {
		if _, ok := linked[module+"/"+pkg]; ok {
			t.Errorf("the provider binary links %s", pkg)
		}
	}
}
