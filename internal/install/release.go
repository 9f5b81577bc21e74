package install

import (
	"archive/zip"
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Release is a release folder as GoReleaser writes it (dist/).
type Release struct {
	Dir     string
	Version string // from metadata.json: the tag's, or the snapshot's
}

// ReadRelease reads the project name and version of the release in dir
// from the metadata.json GoReleaser writes there.
func ReadRelease(dir string) (*Release, error) {
	path := filepath.Join(dir, "metadata.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w (run goreleaser release --snapshot first: make release-check does)", err)
	}
	var meta struct {
		ProjectName string `json:"project_name"`
		Version     string `json:"version"`
	}
	if err := json.Unmarshal(b, &meta); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if meta.ProjectName != Project {
		return nil, fmt.Errorf("%s: project_name %q, want %q", path, meta.ProjectName, Project)
	}
	if err := CheckVersion(meta.Version); err != nil {
		return nil, fmt.Errorf("%s: version: %w", path, err)
	}
	return &Release{Dir: dir, Version: meta.Version}, nil
}

// SumsFile is the release's checksums file.
func (r *Release) SumsFile() string {
	return filepath.Join(r.Dir, Project+"_"+r.Version+"_SHA256SUMS")
}

// Zip is the release's zip for platform p.
func (r *Release) Zip(p Platform) string { return filepath.Join(r.Dir, ZipName(r.Version, p)) }

// ManifestName is the name under which GoReleaser lists the registry
// manifest in SHA256SUMS and uploads it with the release. It does not copy
// it into the release folder: the file it checksums is manifest, the
// repository's terraform-registry-manifest.json.
func (r *Release) ManifestName() string { return Project + "_" + r.Version + "_manifest.json" }

// VerifyChecksums checks the release's SHA256SUMS file as `sha256sum -c`
// does, and more: every file it lists is in the release folder with that
// SHA-256 (the registry manifest: the file manifest), every zip in the
// folder and the manifest are listed, and no name is listed twice. It
// returns the names it checked.
func (r *Release) VerifyChecksums(manifest string) ([]string, error) {
	sums := r.SumsFile()
	f, err := os.Open(sums)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	line := regexp.MustCompile(`^([0-9a-f]{64}) [ *]([^/\\]+)$`)
	var names []string
	scanner := bufio.NewScanner(f)
	for n := 1; scanner.Scan(); n++ {
		m := line.FindStringSubmatch(scanner.Text())
		if m == nil {
			return nil, fmt.Errorf("%s: line %d: %q is not \"<sha256 in hex>  <file name>\"", sums, n, scanner.Text())
		}
		if slices.Contains(names, m[2]) {
			return nil, fmt.Errorf("%s: line %d: %s is listed twice", sums, n, m[2])
		}
		path := filepath.Join(r.Dir, m[2])
		if m[2] == r.ManifestName() {
			path = manifest
		}
		got, err := sha256File(path)
		if err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", sums, n, err)
		}
		if got != m[1] {
			return nil, fmt.Errorf("%s: line %d: %s has SHA-256 %s, the file lists %s", sums, n, m[2], got, m[1])
		}
		names = append(names, m[2])
	}
	if err := scanner.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", sums, err)
	}
	zips, err := filepath.Glob(filepath.Join(r.Dir, "*.zip"))
	if err != nil {
		return nil, err
	}
	want := []string{r.ManifestName()}
	for _, z := range zips {
		want = append(want, filepath.Base(z))
	}
	for _, w := range want {
		if !slices.Contains(names, w) {
			return nil, fmt.Errorf("%s does not list %s", sums, w)
		}
	}
	if len(zips) == 0 {
		return nil, fmt.Errorf("no zips in %s", r.Dir)
	}
	return names, nil
}

func sha256File(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ExtractBinary checks that the release's zip for p holds the provider
// binary under the name the Terraform Registry expects, writes it into
// dir and returns its path.
func (r *Release) ExtractBinary(p Platform, dir string) (string, error) {
	zipPath := r.Zip(p)
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("the release has no zip for %s (%s): this platform is not a release target", p, filepath.Base(zipPath))
		}
		return "", err
	}
	defer zr.Close()
	name := BinaryName(r.Version, p)
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return "", fmt.Errorf("%s: %s: %w", zipPath, name, err)
		}
		defer rc.Close()
		out := filepath.Join(dir, name)
		w, err := os.OpenFile(out, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o755)
		if err != nil {
			return "", err
		}
		_, err = io.Copy(w, rc)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return "", fmt.Errorf("%s: %s: %w", zipPath, name, err)
		}
		return out, nil
	}
	return "", fmt.Errorf("%s holds %s, not %s", zipPath, strings.Join(names, ", "), name)
}

// MirrorConfig is a CLI configuration that installs every provider from the
// filesystem mirror at dir, and from nowhere else.
func MirrorConfig(dir string) string {
	return fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path = %q\n  }\n}\n", filepath.ToSlash(dir))
}

// CheckRelease proves that the release in dist installs and works: its
// SHA256SUMS matches the files and manifest (the repository's registry
// manifest, which the release uploads), its version is want (the VERSION
// file's) or a prerelease of it,
// this platform's zip holds a binary whose -version prints the release's
// version, and each CLI in clis, given only that zip as a filesystem mirror
// (packed layout, both registry hosts) and no network, passes a Check. It
// says what it did on out.
func CheckRelease(ctx context.Context, dist, manifest, want string, clis []string, out io.Writer) error {
	rel, err := ReadRelease(dist)
	if err != nil {
		return err
	}
	if rel.Version != want && !strings.HasPrefix(rel.Version, want+"-") {
		return fmt.Errorf("%s holds version %s, not %s or a prerelease of it: .goreleaser.yml's snapshot.version_template should start with the VERSION file", dist, rel.Version, want)
	}
	names, err := rel.VerifyChecksums(manifest)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "==> %s: the SHA-256 of all %d files match\n", rel.SumsFile(), len(names))

	work, err := os.MkdirTemp("", "eightxeight-release-check-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	p := HostPlatform()
	binary, err := rel.ExtractBinary(p, work)
	if err != nil {
		return err
	}
	if v, err := BinaryVersion(ctx, binary); err != nil {
		return err
	} else if v != rel.Version {
		return fmt.Errorf("%s in %s reports version %s, want %s", filepath.Base(binary), filepath.Base(rel.Zip(p)), v, rel.Version)
	}
	fmt.Fprintf(out, "==> %s holds %s, whose -version prints %s\n", filepath.Base(rel.Zip(p)), filepath.Base(binary), rel.Version)

	mirror := filepath.Join(work, "mirror")
	files, err := InstallPacked(mirror, rel.Zip(p), rel.Version, p)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "==> A filesystem mirror of it:\n")
	for _, f := range files {
		fmt.Fprintf(out, "  %s\n", f)
	}
	config := filepath.Join(work, "cli.tfrc")
	if err := os.WriteFile(config, []byte(MirrorConfig(mirror)), 0o600); err != nil {
		return err
	}
	for i, cli := range clis {
		home := filepath.Join(work, fmt.Sprintf("home-%d", i))
		dir := filepath.Join(work, fmt.Sprintf("config-%d", i))
		for _, d := range []string{home, dir} {
			if err := os.Mkdir(d, 0o700); err != nil {
				return err
			}
		}
		c := Check{CLI: cli, Env: Env(home, "TF_CLI_CONFIG_FILE="+config), Version: rel.Version, Dir: dir}
		res, err := c.Run(ctx)
		if err != nil {
			return err
		}
		Report(out, res)
	}
	return nil
}

// SingleTarget returns a GoReleaser configuration that is config with its
// build's goos and goarch lists narrowed to p, for a snapshot release of
// this platform alone (make release-check RELEASE_TARGETS=host): every
// other setting, archives and checksums included, stays as it is.
func SingleTarget(config []byte, p Platform) ([]byte, error) {
	out := config
	for _, key := range []struct{ name, value string }{{"goos", p.OS}, {"goarch", p.Arch}} {
		re := regexp.MustCompile(`(?m)^(\s+(?:- )?` + key.name + `:) \[[^\]\n]*\]$`)
		lines := re.FindAll(out, -1)
		if len(lines) != 1 {
			return nil, fmt.Errorf("the GoReleaser configuration has %d lines like %q, want one", len(lines), "    "+key.name+": [a, b]")
		}
		if !regexp.MustCompile(`[\[ ,"]` + regexp.QuoteMeta(key.value) + `[\] ,"]`).Match(lines[0]) {
			return nil, fmt.Errorf("the GoReleaser configuration does not build %s %s (%s): this platform is not a release target", key.name, key.value, strings.TrimSpace(string(lines[0])))
		}
		out = re.ReplaceAll(out, []byte(`$1 [`+key.value+`]`))
	}
	return out, nil
}
