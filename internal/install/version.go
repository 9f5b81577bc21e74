// Package install puts builds of the provider where `terraform init` and
// `tofu init` find them with no CLI configuration and no network (make
// install), lays a release zip out as a filesystem mirror (make
// release-check), and proves either by running init and plan against the
// in-repo 8x8 API emulator. It is not part of the provider binary.
package install

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// VersionFile, at the root of the repository, holds the version the next
// release will carry (MAJOR.MINOR.PATCH, no leading v). make install builds
// that version; GoReleaser's snapshots start with it; the release workflow
// refuses a tag that is not v + it; the CHANGELOG names it.
const VersionFile = "VERSION"

// semver is a semantic version without a leading v or build metadata
// (Terraform ignores build metadata when it compares versions).
var semver = regexp.MustCompile(`^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)

// CheckVersion returns an error unless v is a version Terraform can
// require exactly, like 0.1.0 or 0.1.0-SNAPSHOT-1a2b3c4.
func CheckVersion(v string) error {
	if !semver.MatchString(v) {
		return fmt.Errorf("%q is not a version like 0.1.0 (MAJOR.MINOR.PATCH, an optional -prerelease, no leading v, no +build)", v)
	}
	return nil
}

// ReadVersion returns the version in the VERSION file of the repository at
// root.
func ReadVersion(root string) (string, error) {
	path := filepath.Join(root, VersionFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("reading the version of the next release: %w", err)
	}
	v := strings.TrimSpace(string(b))
	if err := CheckVersion(v); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}
