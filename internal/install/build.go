package install

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// Build compiles the provider module at root into out for this platform,
// the way GoReleaser builds a release (cgo off, -trimpath), reporting
// version: -version prints it and the provider sends it in its User-Agent.
func Build(ctx context.Context, root, out, version string) error {
	if err := CheckVersion(version); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags", "-X main.version="+version, "-o", out, ".")
	cmd.Dir = root
	// A GOOS or GOARCH in the environment would build for another
	// platform than the one the binary is installed for.
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+runtime.GOOS, "GOARCH="+runtime.GOARCH)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %w\n%s", err, b)
	}
	return nil
}

// BinaryVersion runs binary -version and returns the version it prints.
func BinaryVersion(ctx context.Context, binary string) (string, error) {
	b, err := exec.CommandContext(ctx, binary, "-version").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("%s -version: %w\n%s", binary, err, b)
	}
	var name, version string
	if n, _ := fmt.Sscan(string(b), &name, &version); n != 2 || name != Project {
		return "", fmt.Errorf("%s -version printed %q, want %q", binary, b, Project+" <version>")
	}
	return version, nil
}

// Local is make install: it builds the provider module at root at the
// version in its VERSION file and installs it into the local mirror
// directory pluginsDir (see InstallUnpacked). It returns the version and
// the files it wrote.
func Local(ctx context.Context, root, pluginsDir string) (version string, files []string, err error) {
	if version, err = ReadVersion(root); err != nil {
		return "", nil, err
	}
	tmp, err := os.MkdirTemp("", "eightxeight-install-")
	if err != nil {
		return "", nil, err
	}
	defer os.RemoveAll(tmp)
	binary := filepath.Join(tmp, BinaryName(version, HostPlatform()))
	if err := Build(ctx, root, binary, version); err != nil {
		return "", nil, err
	}
	files, err = InstallUnpacked(pluginsDir, binary, version, HostPlatform())
	return version, files, err
}
