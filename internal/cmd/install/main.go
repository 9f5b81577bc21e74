// Command install is `make install` and `make uninstall`. make install
// builds the provider at the version in the VERSION file (the next
// release's) and copies it where `terraform init` and `tofu init` find it
// with no CLI configuration and no network: ~/.terraform.d/plugins, under
// both registry.terraform.io and registry.opentofu.org. make uninstall
// removes every version from there, so that init looks in the registry
// again. It is not part of the provider binary.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"syscall"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/install"
)

func main() {
	pluginsDir := flag.String("plugins-dir", "", "local mirror `folder` to use (default ~/.terraform.d/plugins; %APPDATA%\\terraform.d\\plugins on Windows)")
	uninstall := flag.Bool("uninstall", false, "remove every installed version of the provider instead")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "install: unexpected argument %q (flags: -plugins-dir, -uninstall)\n", flag.Arg(0))
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, ".", *pluginsDir, *uninstall, os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "install:", err)
		os.Exit(1)
	}
}

// run installs the provider module at root into pluginsDir (by default the
// folder both CLIs search, found with getenv), or uninstalls it, and says
// what it did on out.
func run(ctx context.Context, root, pluginsDir string, uninstall bool, getenv func(string) string, out io.Writer) error {
	if pluginsDir == "" {
		var err error
		if pluginsDir, err = install.ImpliedPluginsDir(runtime.GOOS, getenv); err != nil {
			return err
		}
	}
	if uninstall {
		removed, err := install.Uninstall(pluginsDir)
		for _, dir := range removed {
			fmt.Fprintf(out, "Removed %s\n", dir)
		}
		if err == nil && len(removed) == 0 {
			fmt.Fprintf(out, "The provider is not installed in %s: nothing to remove.\n", pluginsDir)
		}
		return err
	}

	version, files, err := install.Local(ctx, root, pluginsDir)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Installed %s %s for %s:\n", install.Project, version, install.HostPlatform())
	for _, f := range files {
		fmt.Fprintf(out, "  %s\n", f)
	}
	fmt.Fprintf(out, `
terraform init and tofu init now install it without a CLI configuration
and without the network, for a configuration with

  eightxeight = {
    source  = "eightxeight/eightxeight"
    version = %q # or a constraint it meets, like "~> %s"
  }

While it is installed, they look for eightxeight/eightxeight nowhere else
(not in the registry); make uninstall removes it. A folder initialized with
another build of %[1]s keeps that build's checksum in .terraform.lock.hcl,
so init refuses this one there: delete .terraform.lock.hcl and run init.
`, version, minor(version))
	for _, f := range cliConfigsWithInstallation(getenv) {
		fmt.Fprintf(out, `
%s has a provider_installation block, so the CLIs that read it search only
the places it names: add  filesystem_mirror { path = %q }  to it, or run
without it (unset TF_CLI_CONFIG_FILE, or move the file away).
`, f, pluginsDir)
	}
	return nil
}

// minor is the MAJOR.MINOR of a version.
func minor(version string) string {
	return regexp.MustCompile(`^[0-9]+\.[0-9]+`).FindString(version)
}

// cliConfigsWithInstallation returns the CLI configuration files the CLIs
// would read that hold a provider_installation block: explicit
// installation methods replace the implied local mirror directories.
func cliConfigsWithInstallation(getenv func(string) string) []string {
	var files []string
	if f := getenv("TF_CLI_CONFIG_FILE"); f != "" {
		files = []string{f}
	} else if runtime.GOOS == "windows" {
		if appData := getenv("APPDATA"); appData != "" {
			files = []string{filepath.Join(appData, "terraform.rc"), filepath.Join(appData, "tofu.rc")}
		}
	} else if home := getenv("HOME"); home != "" {
		files = []string{filepath.Join(home, ".terraformrc"), filepath.Join(home, ".tofurc")}
	}
	block := regexp.MustCompile(`(?m)^\s*provider_installation\s*\{`)
	var found []string
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && block.Match(b) {
			found = append(found, f)
		}
	}
	return found
}
