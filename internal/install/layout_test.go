package install

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestCheckVersion(t *testing.T) {
	for _, v := range []string{"0.1.0", "1.22.333", "0.1.0-SNAPSHOT-1a2b3c4", "0.1.0-rc.1"} {
		if err := CheckVersion(v); err != nil {
			t.Errorf("CheckVersion(%q) = %v", v, err)
		}
	}
	for _, v := range []string{"", "v0.1.0", "0.1", "0.1.0+build", "01.1.0", "0.1.0-", "0.1.0 ", "0.1.0\n0.2.0", "0.1.0-a..b"} {
		if err := CheckVersion(v); err == nil || !strings.Contains(err.Error(), "is not a version like 0.1.0") {
			t.Errorf("CheckVersion(%q) = %v, want an error", v, err)
		}
	}
}

// ReadVersion trims the file's line break and names the file when its
// content is not a version.
func TestReadVersion(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadVersion(dir); err == nil || !strings.Contains(err.Error(), "reading the version of the next release") {
		t.Errorf("no VERSION file: %v", err)
	}
	path := filepath.Join(dir, "VERSION")
	if err := os.WriteFile(path, []byte("1.2.3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if v, err := ReadVersion(dir); err != nil || v != "1.2.3" {
		t.Errorf("ReadVersion = %q, %v; want 1.2.3", v, err)
	}
	if err := os.WriteFile(path, []byte("v1.2.3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadVersion(dir); err == nil || !strings.Contains(err.Error(), path+`: "v1.2.3" is not a version`) {
		t.Errorf("a leading v: %v", err)
	}
}

// VERSION is the next release: the CHANGELOG's Unreleased section names
// it, or, on the commit a release is tagged from, it is the newest
// released section. Never an older release.
func TestVersionFile_isTheChangelogsNextRelease(t *testing.T) {
	version, err := ReadVersion(root)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "CHANGELOG.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := changelogAgrees(string(b), version); err != nil {
		t.Error(err)
	}
	for name, tc := range map[string]struct{ changelog, version, want string }{
		"next release":  {"## [Unreleased]\n\nWhat 0.2.0 will hold.\n\n## [0.1.0] - 2026-01-01\n", "0.2.0", ""},
		"being tagged":  {"## [Unreleased]\n\n## [0.2.0] - 2026-02-01\n\n## [0.1.0] - 2026-01-01\n", "0.2.0", ""},
		"released":      {"## [Unreleased]\n\n## [0.2.0] - 2026-02-01\n\n## [0.1.0] - 2026-01-01\n", "0.1.0", "already released"},
		"not mentioned": {"## [Unreleased]\n\nSoon.\n\n## [0.1.0] - 2026-01-01\n", "0.2.0", "names neither"},
		"no unreleased": {"## [0.1.0] - 2026-01-01\n", "0.2.0", "no ## [Unreleased] section"},
	} {
		t.Run(name, func(t *testing.T) {
			err := changelogAgrees(tc.changelog, tc.version)
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("changelogAgrees = %v, want %q", err, tc.want)
			}
		})
	}
}

// changelogAgrees returns an error unless version is the next release of
// the changelog text: named in its Unreleased section, or its newest
// released section.
func changelogAgrees(changelog, version string) error {
	_, unreleased, ok := strings.Cut(changelog, "## [Unreleased]\n")
	if !ok {
		return fmt.Errorf("CHANGELOG.md has no ## [Unreleased] section")
	}
	unreleased, _, _ = strings.Cut(unreleased, "\n## ")
	var released []string // newest first
	for _, m := range regexp.MustCompile(`(?m)^## \[([^\]]+)\]`).FindAllStringSubmatch(changelog, -1) {
		if m[1] != "Unreleased" {
			released = append(released, m[1])
		}
	}
	for i, r := range released {
		if r != version {
			continue
		}
		if i == 0 { // the newest release: the commit being tagged
			return nil
		}
		return fmt.Errorf("VERSION holds %s, already released (CHANGELOG.md has ## [%s]): make it the next release's version", version, version)
	}
	if !regexp.MustCompile(`\b` + regexp.QuoteMeta(version) + `\b`).MatchString(unreleased) {
		return fmt.Errorf("CHANGELOG.md's Unreleased section names neither VERSION's %s as the next release nor is %s its newest release", version, version)
	}
	return nil
}

func TestImpliedPluginsDir(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, tc := range []struct {
		goos      string
		getenv    func(string) string
		want, err string
	}{
		{"linux", env("HOME", "/home/u", "XDG_DATA_HOME", "/x"), filepath.Join("/home/u", ".terraform.d", "plugins"), ""},
		{"darwin", env("HOME", "/Users/u"), filepath.Join("/Users/u", ".terraform.d", "plugins"), ""},
		{"windows", env("APPDATA", `C:\Users\u\AppData\Roaming`, "HOME", "/ignored"), filepath.Join(`C:\Users\u\AppData\Roaming`, "terraform.d", "plugins"), ""},
		{"linux", env(), "", "HOME is not set"},
		{"windows", env("HOME", "/h"), "", "APPDATA is not set"},
	} {
		got, err := ImpliedPluginsDir(tc.goos, tc.getenv)
		if got != tc.want || tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%s: ImpliedPluginsDir = %q, %v; want %q, %q", tc.goos, got, err, tc.want, tc.err)
		}
	}
}

// InstallUnpacked writes the layout both CLIs read, replaces an earlier
// install, and names what it cannot read; Uninstall removes every version
// and leaves other providers alone.
func TestInstallUnpackedAndUninstall(t *testing.T) {
	plugins := filepath.Join(t.TempDir(), "plugins")
	bin := filepath.Join(t.TempDir(), "provider")
	write := func(path, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(bin, "first build")
	other := filepath.Join(plugins, "registry.terraform.io", "eightxeight", "other", "1.0.0", "linux_amd64", "terraform-provider-other_v1.0.0")
	write(other, "another provider")
	p := Platform{"linux", "arm64"}

	files, err := InstallUnpacked(plugins, bin, "1.2.3", p)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		filepath.Join(plugins, "registry.terraform.io", "eightxeight", "eightxeight", "1.2.3", "linux_arm64", "terraform-provider-eightxeight_v1.2.3"),
		filepath.Join(plugins, "registry.opentofu.org", "eightxeight", "eightxeight", "1.2.3", "linux_arm64", "terraform-provider-eightxeight_v1.2.3"),
	}
	if strings.Join(files, "\n") != strings.Join(want, "\n") {
		t.Errorf("wrote\n%s\nwant\n%s", strings.Join(files, "\n"), strings.Join(want, "\n"))
	}
	write(bin, "second build")
	if _, err := InstallUnpacked(plugins, bin, "1.2.3", p); err != nil {
		t.Fatal(err)
	}
	for _, f := range want {
		b, err := os.ReadFile(f)
		if err != nil || string(b) != "second build" {
			t.Errorf("%s holds %q, %v; want the second build", f, b, err)
		}
		if info, err := os.Stat(f); err != nil || info.Mode().Perm()&0o111 == 0 {
			t.Errorf("%s is not executable: %v %v", f, info.Mode(), err)
		}
		if entries, _ := os.ReadDir(filepath.Dir(f)); len(entries) != 1 {
			t.Errorf("%s holds %d files, want the binary alone (no temporary file left)", filepath.Dir(f), len(entries))
		}
	}
	if _, err := InstallUnpacked(plugins, bin+".missing", "1.2.3", p); err == nil || !strings.Contains(err.Error(), bin+".missing") {
		t.Errorf("a missing binary: %v", err)
	}
	if _, err := InstallUnpacked(plugins, filepath.Dir(bin), "1.2.3", p); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a folder for a binary: %v", err)
	}
	if _, err := InstallUnpacked(plugins, bin, "v1.2.3", p); err == nil || !strings.Contains(err.Error(), "is not a version") {
		t.Errorf("a bad version: %v", err)
	}

	removed, err := Uninstall(plugins)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 2 {
		t.Errorf("Uninstall removed %v, want the provider's folder under both hosts", removed)
	}
	for _, f := range want {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s is still there: %v", f, err)
		}
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("Uninstall removed another provider: %v", err)
	}
	if _, err := os.Stat(filepath.Join(plugins, "registry.opentofu.org", "eightxeight")); !os.IsNotExist(err) {
		t.Errorf("the emptied namespace folder is still there: %v", err)
	}
	if removed, err := Uninstall(plugins); err != nil || len(removed) != 0 {
		t.Errorf("a second Uninstall = %v, %v; want nothing", removed, err)
	}
}

// lockedHashes finds the provider's block and its h1: hash, and says what
// is wrong with a lock file that lacks them.
func TestLockedHashes(t *testing.T) {
	const addr = "registry.terraform.io/eightxeight/eightxeight"
	lock := `provider "registry.terraform.io/hashicorp/null" {
  version = "3.2.0"
  hashes = ["h1:other="]
}

provider "registry.terraform.io/eightxeight/eightxeight" {
  version     = "0.1.0"
  constraints = "0.1.0"
  hashes = [
    "h1:abc=",
    "zh:0123",
  ]
}
`
	if got, err := lockedHashes(lock, addr, "0.1.0"); err != nil || strings.Join(got, " ") != "h1:abc= zh:0123" {
		t.Errorf("lockedHashes = %v, %v", got, err)
	}
	for name, tc := range map[string]struct{ lock, version, want string }{
		"other version": {lock, "0.2.0", `want version "0.2.0"`},
		"other host":    {strings.ReplaceAll(lock, "terraform.io/eightxeight", "opentofu.org/eightxeight"), "0.1.0", "the lock file has no provider"},
		"no h1":         {strings.ReplaceAll(lock, `"h1:abc=",`, ""), "0.1.0", "no h1: hash"},
	} {
		if _, err := lockedHashes(tc.lock, addr, tc.version); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error holding %q", name, err, tc.want)
		}
	}
}
