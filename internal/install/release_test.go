package install

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fakeRelease writes a release folder the way GoReleaser does, at version,
// holding binary in this platform's zip (with the README beside it, as
// GoReleaser adds it), another platform's zip, the SHA256SUMS file (which
// lists the registry manifest, left out of the folder) and metadata.json.
// It returns the release and the manifest.
func fakeRelease(t *testing.T, binary, version string) (*Release, string) {
	t.Helper()
	dist := t.TempDir()
	write := func(name string, content []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dist, name), content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	zipOf := func(p Platform, bin []byte) {
		t.Helper()
		writeZip(t, filepath.Join(dist, ZipName(version, p)), "README.md", "# readme\n", BinaryName(version, p), string(bin))
	}
	bin, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	host := HostPlatform()
	other := Platform{"freebsd", "arm"}
	if host == other {
		other = Platform{"linux", "386"}
	}
	zipOf(host, bin)
	zipOf(other, []byte("not this platform's"))
	manifest := filepath.Join(t.TempDir(), "terraform-registry-manifest.json")
	if err := os.WriteFile(manifest, []byte(`{"version": 1, "metadata": {"protocol_versions": ["6.0"]}}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	write("metadata.json", []byte(fmt.Sprintf(`{"project_name":%q,"tag":"v0.0.0","previous_tag":"","version":%q}`, Project, version)))
	var sums strings.Builder
	names := []string{ZipName(version, host), ZipName(version, other), Project + "_" + version + "_manifest.json"}
	slices.Sort(names)
	for _, n := range names {
		path := filepath.Join(dist, n)
		if strings.HasSuffix(n, "_manifest.json") {
			path = manifest
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(sum[:]), n)
	}
	write(Project+"_"+version+"_SHA256SUMS", []byte(sums.String()))
	rel, err := ReadRelease(dist)
	if err != nil {
		t.Fatal(err)
	}
	return rel, manifest
}

// make release-check's last step, on a snapshot release laid out as
// GoReleaser does: the checksums match, and each CLI installs this
// platform's zip from a filesystem mirror, offline, and plans with it. The
// configuration requires the snapshot's version in lower case, as the CLIs
// read it from the zip's name.
func TestCheckRelease_installsFromTheZip(t *testing.T) {
	home, next := installedHome(t)
	version := next + "-SNAPSHOT-1a2b3c4"
	bin := filepath.Join(t.TempDir(), BinaryName(version, HostPlatform()))
	if err := Build(context.Background(), root, bin, version); err != nil {
		t.Fatal(err)
	}
	rel, manifest := fakeRelease(t, bin, version)
	var paths []string
	for _, c := range clis(t) {
		if c.skip != "" {
			t.Log("skipped: " + c.skip)
			continue
		}
		paths = append(paths, c.path)
	}
	var out strings.Builder
	if err := CheckRelease(context.Background(), rel.Dir, manifest, version, paths, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	t.Log("\n" + out.String())
	for _, want := range []string{
		"the SHA-256 of all 3 files match",
		"whose -version prints " + version,
		filepath.Join("registry.opentofu.org", "eightxeight", "eightxeight", ZipName(version, HostPlatform())),
		`versions matching "` + next + `-snapshot-1a2b3c4"`,
		"- Installed eightxeight/eightxeight v" + next + "-snapshot-1a2b3c4 (unauthenticated)",
		"h1:",
		"User-Agent: terraform-provider-eightxeight/" + version + " ",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if entries, err := os.ReadDir(home); err != nil || len(entries) != 1 {
		t.Errorf("CheckRelease wrote into the HOME of make install: %v %v", entries, err)
	}

	// A snapshot whose version does not start with VERSION's.
	if err := CheckRelease(context.Background(), rel.Dir, manifest, "9.9.9", paths, &out); err == nil || !strings.Contains(err.Error(), "snapshot.version_template") {
		t.Errorf("another version: %v", err)
	}
}

// VerifyChecksums fails, naming the file and the line, on every way a
// SHA256SUMS file can disagree with its folder.
func TestVerifyChecksums(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "bin")
	if err := os.WriteFile(bin, []byte("binary"), 0o755); err != nil {
		t.Fatal(err)
	}
	const version = "1.2.3-SNAPSHOT-abc1234"
	rel, manifest := fakeRelease(t, bin, version)
	names, err := rel.VerifyChecksums(manifest)
	if err != nil || len(names) != 3 {
		t.Fatalf("VerifyChecksums = %v, %v", names, err)
	}
	sums, err := os.ReadFile(rel.SumsFile())
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(sums), "\n")
	zip := ZipName(version, HostPlatform())
	for name, tc := range map[string]struct {
		sums, extra, want string
	}{
		"malformed":     {"not a checksum\n", "", `line 1: "not a checksum" is not`},
		"missing file":  {string(sums) + strings.Repeat("0", 64) + "  gone.zip\n", "", "line 4: open " + filepath.Join(rel.Dir, "gone.zip")},
		"wrong sum":     {strings.Replace(string(sums), lines[0][:64], strings.Repeat("0", 64), 1), "", "line 1: "},
		"twice":         {string(sums) + lines[0], "", "is listed twice"},
		"unlisted zip":  {string(sums), "extra.zip", "does not list extra.zip"},
		"no manifest":   {strings.Join(slices.DeleteFunc(slices.Clone(lines), func(l string) bool { return strings.Contains(l, "manifest") }), ""), "", "does not list " + Project + "_" + version + "_manifest.json"},
		"path in names": {strings.Replace(string(sums), "  "+zip, "  ../"+zip, 1), "", "is not"},
	} {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(rel.SumsFile(), []byte(tc.sums), 0o644); err != nil {
				t.Fatal(err)
			}
			if tc.extra != "" {
				extra := filepath.Join(rel.Dir, tc.extra)
				if err := os.WriteFile(extra, nil, 0o644); err != nil {
					t.Fatal(err)
				}
				defer os.Remove(extra)
			}
			_, err := rel.VerifyChecksums(manifest)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "SHA256SUMS") {
				t.Errorf("VerifyChecksums = %v, want an error naming the file and holding %q", err, tc.want)
			}
		})
	}

	if err := os.WriteFile(rel.SumsFile(), sums, 0o644); err != nil {
		t.Fatal(err)
	}
	// Another manifest than the one the sums were made from.
	if _, err := rel.VerifyChecksums(filepath.Join(root, "terraform-registry-manifest.json")); err == nil || !strings.Contains(err.Error(), rel.ManifestName()+" has SHA-256 ") {
		t.Errorf("another manifest: %v", err)
	}
	// A zip whose bytes changed after the sums were written.
	f, err := os.OpenFile(rel.Zip(HostPlatform()), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("x"); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	if _, err := rel.VerifyChecksums(manifest); err == nil || !strings.Contains(err.Error(), zip+" has SHA-256 ") {
		t.Errorf("a changed zip: %v", err)
	}

}

// A release folder that GoReleaser did not write, or that lacks this
// platform, or whose zip lacks the binary, is an error saying so.
func TestRelease_badFolders(t *testing.T) {
	if _, err := ReadRelease(t.TempDir()); err == nil || !strings.Contains(err.Error(), "make release-check") {
		t.Errorf("no metadata.json: %v", err)
	}
	dir := t.TempDir()
	for content, want := range map[string]string{
		`{"project_name": "other", "version": "1.0.0"}`:        `project_name "other"`,
		`{"project_name": "` + Project + `", "version": "v1"}`: `version: "v1" is not a version`,
		`[`: "metadata.json: unexpected end of JSON input",
	} {
		if err := os.WriteFile(filepath.Join(dir, "metadata.json"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadRelease(dir); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("metadata.json %s: %v, want %q", content, err, want)
		}
	}

	rel := &Release{Dir: t.TempDir(), Version: "1.2.3"}
	if _, err := rel.ExtractBinary(Platform{"plan9", "mips"}, t.TempDir()); err == nil || !strings.Contains(err.Error(), "no zip for plan9_mips") {
		t.Errorf("no zip for the platform: %v", err)
	}
	writeZip(t, rel.Zip(HostPlatform()), "README.md", "# readme\n", "terraform-provider-eightxeight", "no version in the name")
	if _, err := rel.ExtractBinary(HostPlatform(), t.TempDir()); err == nil || !strings.Contains(err.Error(), "holds README.md, terraform-provider-eightxeight, not "+BinaryName("1.2.3", HostPlatform())) {
		t.Errorf("a zip without the binary: %v", err)
	}
}

// writeZip writes a zip of the given name, content pairs; the files are
// executable, as GoReleaser leaves the binary.
func writeZip(t *testing.T, path string, entries ...string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for i := 0; i < len(entries); i += 2 {
		h := &zip.FileHeader{Name: entries[i], Method: zip.Deflate}
		h.SetMode(0o755)
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(entries[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// SingleTarget narrows the real configuration's targets to one platform and
// changes nothing else; a platform that is not a target, or a
// configuration whose lists it cannot find, is an error.
func TestSingleTarget(t *testing.T) {
	config, err := os.ReadFile(filepath.Join(root, ".goreleaser.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []Platform{{"linux", "amd64"}, {"windows", "386"}, {"freebsd", "arm"}} {
		got, err := SingleTarget(config, p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		want := strings.Replace(string(config), "goos: [linux, darwin, windows, freebsd]", "goos: ["+p.OS+"]", 1)
		want = strings.Replace(want, `goarch: [amd64, arm64, "386", arm]`, "goarch: ["+p.Arch+"]", 1)
		if want == string(config) || string(got) != want {
			t.Errorf("%s: SingleTarget gave\n%s", p, got)
		}
	}
	for name, tc := range map[string]struct {
		config string
		p      Platform
		want   string
	}{
		"not a target": {string(config), Platform{"plan9", "amd64"}, "does not build goos plan9"},
		"a prefix":     {"builds:\n  - goos: [linux]\n    goarch: [amd64]\n", Platform{"linux", "amd"}, "does not build goarch amd"},
		"no list":      {"builds:\n  - goos:\n      - linux\n    goarch: [amd64]\n", Platform{"linux", "amd64"}, `0 lines like "    goos: [a, b]"`},
		"two builds":   {"builds:\n  - goos: [linux]\n    goarch: [amd64]\n  - goos: [linux]\n    goarch: [arm64]\n", Platform{"linux", "amd64"}, "2 lines like"},
	} {
		if _, err := SingleTarget([]byte(tc.config), tc.p); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error holding %q", name, err, tc.want)
		}
	}
}
