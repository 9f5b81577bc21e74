package tfharness

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// workspaceFiles returns the names of the files in a workspace.
func workspaceFiles(t *testing.T, work string) []string {
	t.Helper()
	entries, err := os.ReadDir(work)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// An empty dir means "no files from disk": a .tf file in the process's
// working directory must not leak into a workspace built from extra files.
func TestWorkspace_emptyDirTakesNothingFromDisk(t *testing.T) {
	cwd := t.TempDir()
	if err := os.WriteFile(filepath.Join(cwd, "stray.tf"), []byte("# not the test's\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(cwd)
	h := &Harness{Dir: t.TempDir()}

	work, err := h.Workspace("", map[string]string{"main.tf": "# the test's\n"})
	if err != nil {
		t.Fatal(err)
	}
	if got := workspaceFiles(t, work); !slices.Equal(got, []string{"main.tf"}) {
		t.Errorf("workspace holds %v, want only main.tf", got)
	}

	if _, err := h.Workspace("", nil); err == nil || !strings.Contains(err.Error(), "no files") {
		t.Errorf("Workspace(\"\", nil) = %v, want an error saying there are no files", err)
	}
}

// A folder's .tf files are copied next to the extra files; other files are
// not, and a folder without .tf files is an error naming it.
func TestWorkspace_copiesTheFolder(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"a.tf": "# a\n", "b.tf": "# b\n", "notes.txt": "no\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	h := &Harness{Dir: t.TempDir()}
	work, err := h.Workspace(dir, map[string]string{"extra.tf": "# extra\n"})
	if err != nil {
		t.Fatal(err)
	}
	if got := workspaceFiles(t, work); !slices.Equal(got, []string{"a.tf", "b.tf", "extra.tf"}) {
		t.Errorf("workspace holds %v, want a.tf b.tf extra.tf", got)
	}
	if b, _ := os.ReadFile(filepath.Join(work, "b.tf")); string(b) != "# b\n" {
		t.Errorf("b.tf holds %q", b)
	}

	empty := t.TempDir()
	if _, err := h.Workspace(empty, nil); err == nil || !strings.Contains(err.Error(), empty) {
		t.Errorf("Workspace(empty folder) = %v, want an error naming %s", err, empty)
	}
}
