package install

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
)

// The provider's address, less the registry host.
const (
	Namespace = "eightxeight"
	Type      = "eightxeight"
	// Project is GoReleaser's project_name: the prefix of the zips, of the
	// SHA256SUMS file and of the binary inside each zip.
	Project = "terraform-provider-" + Type
)

// Hosts are the registries that "eightxeight/eightxeight" means to
// Terraform and to OpenTofu. A local mirror serves a provider under the
// host the CLI asks for, so this package installs under both.
var Hosts = []string{"registry.terraform.io", "registry.opentofu.org"}

// Platform is a GOOS and GOARCH, written os_arch as Terraform does.
type Platform struct{ OS, Arch string }

func (p Platform) String() string { return p.OS + "_" + p.Arch }

// HostPlatform is the platform this program runs on.
func HostPlatform() Platform { return Platform{runtime.GOOS, runtime.GOARCH} }

// BinaryName is the name the Terraform Registry expects for the binary of
// version inside a release zip, and that the unpacked layout of a local
// mirror uses.
func BinaryName(version string, p Platform) string {
	name := Project + "_v" + version
	if p.OS == "windows" {
		name += ".exe"
	}
	return name
}

// ZipName is the name of a release zip (GoReleaser's archive
// name_template), which the packed layout of a filesystem mirror uses too.
func ZipName(version string, p Platform) string {
	return Project + "_" + version + "_" + p.String() + ".zip"
}

// ImpliedPluginsDir is the folder that both Terraform and OpenTofu search
// for providers when no CLI configuration says otherwise (their "implied
// local mirror directories"), for a program on goos with the environment
// getenv: ~/.terraform.d/plugins, or %APPDATA%\terraform.d\plugins on
// Windows. Terraform also searches $XDG_DATA_HOME/terraform/plugins and
// OpenTofu $XDG_DATA_HOME/opentofu/plugins, but neither searches the
// other's, while both always search this one.
func ImpliedPluginsDir(goos string, getenv func(string) string) (string, error) {
	if goos == "windows" {
		appData := getenv("APPDATA")
		if appData == "" {
			return "", errors.New("APPDATA is not set, so there is no %APPDATA%\\terraform.d\\plugins to install into: pass -plugins-dir")
		}
		return filepath.Join(appData, "terraform.d", "plugins"), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("HOME is not set, so there is no ~/.terraform.d/plugins to install into: set HOME or pass -plugins-dir")
	}
	return filepath.Join(home, ".terraform.d", "plugins"), nil
}

// ProviderDir is the provider's folder below a mirror directory, for host.
func ProviderDir(mirror, host string) string {
	return filepath.Join(mirror, host, Namespace, Type)
}

// InstallUnpacked copies the provider binary into the unpacked layout of
// the local mirror directory pluginsDir, under every host in Hosts:
// <pluginsDir>/<host>/eightxeight/eightxeight/<version>/<os>_<arch>/<BinaryName>.
// A binary already there is replaced. It returns the files it wrote.
func InstallUnpacked(pluginsDir, binary, version string, p Platform) ([]string, error) {
	if err := CheckVersion(version); err != nil {
		return nil, err
	}
	var written []string
	for _, host := range Hosts {
		dest := filepath.Join(ProviderDir(pluginsDir, host), version, p.String(), BinaryName(version, p))
		if err := copyFile(binary, dest, 0o755); err != nil {
			return written, err
		}
		written = append(written, dest)
	}
	return written, nil
}

// InstallPacked copies a release zip into the packed layout of the
// filesystem mirror directory mirror, under every host in Hosts:
// <mirror>/<host>/eightxeight/eightxeight/<ZipName>. It returns the files
// it wrote.
func InstallPacked(mirror, zip, version string, p Platform) ([]string, error) {
	if err := CheckVersion(version); err != nil {
		return nil, err
	}
	var written []string
	for _, host := range Hosts {
		dest := filepath.Join(ProviderDir(mirror, host), ZipName(version, p))
		if err := copyFile(zip, dest, 0o644); err != nil {
			return written, err
		}
		written = append(written, dest)
	}
	return written, nil
}

// Uninstall removes every version of the provider from the local mirror
// directory pluginsDir, under every host in Hosts, and returns the folders
// it removed.
func Uninstall(pluginsDir string) ([]string, error) {
	var removed []string
	for _, host := range Hosts {
		dir := ProviderDir(pluginsDir, host)
		if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err := os.RemoveAll(dir); err != nil {
			return removed, err
		}
		removed = append(removed, dir)
		// The namespace folder, when this provider was all it held.
		_ = os.Remove(filepath.Dir(dir))
	}
	return removed, nil
}

// copyFile copies src to dest with mode perm, creating dest's folder. It
// writes a temporary file beside dest and renames it, so that a CLI never
// sees half a binary.
func copyFile(src, dest string, perm os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if info, err := in.Stat(); err != nil {
		return err
	} else if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", src)
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), ".install-*")
	if err != nil {
		return err
	}
	_, err = io.Copy(tmp, in)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), perm)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), dest)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", dest, err)
	}
	return nil
}
