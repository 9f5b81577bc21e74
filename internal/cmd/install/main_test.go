package main

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/install"
)

const root = "../../.."

// env is a getenv of the given name, value pairs.
func env(kv ...string) func(string) string {
	return func(k string) string {
		for i := 0; i < len(kv); i += 2 {
			if kv[i] == k {
				return kv[i+1]
			}
		}
		return ""
	}
}

// make install into a temporary HOME puts the VERSION build under both
// registry hosts and says how to use it; make uninstall removes it.
func TestRun_installThenUninstall(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the default folder is below %APPDATA% there; the layout is tested in internal/install")
	}
	home := t.TempDir()
	getenv := env("HOME", home)
	version, err := install.ReadVersion(root)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := run(context.Background(), root, "", false, getenv, &out); err != nil {
		t.Fatal(err)
	}
	p := install.HostPlatform()
	for _, host := range install.Hosts {
		f := filepath.Join(home, ".terraform.d", "plugins", host, "eightxeight", "eightxeight", version, p.String(), "terraform-provider-eightxeight_v"+version)
		if !strings.Contains(out.String(), "  "+f+"\n") {
			t.Errorf("the output does not name %s:\n%s", f, out.String())
		}
		if got, err := install.BinaryVersion(context.Background(), f); err != nil || got != version {
			t.Errorf("%s -version: %q, %v; want %s", f, got, err, version)
		}
	}
	for _, want := range []string{
		"Installed terraform-provider-eightxeight " + version + " for " + p.String() + ":",
		`version = "` + version + `" # or a constraint it meets, like "~> 0.`,
		"make uninstall removes it",
		"delete .terraform.lock.hcl",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "provider_installation") {
		t.Errorf("a note about a CLI configuration that does not exist:\n%s", out.String())
	}

	out.Reset()
	if err := run(context.Background(), root, "", true, getenv, &out); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "Removed "); n != 2 {
		t.Errorf("uninstall said:\n%s\nwant two folders removed", out.String())
	}
	if _, err := os.Stat(filepath.Join(home, ".terraform.d", "plugins", "registry.terraform.io", "eightxeight")); !os.IsNotExist(err) {
		t.Errorf("the provider is still installed: %v", err)
	}
	out.Reset()
	if err := run(context.Background(), root, "", true, getenv, &out); err != nil || !strings.Contains(out.String(), "nothing to remove") {
		t.Errorf("a second uninstall: %v\n%s", err, out.String())
	}
}

// Bad input is an error saying what to do, before anything is built.
func TestRun_badInput(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("HOME does not matter there")
	}
	var out strings.Builder
	if err := run(context.Background(), root, "", false, env(), &out); err == nil || !strings.Contains(err.Error(), "HOME is not set") {
		t.Errorf("no HOME: %v", err)
	}
	if err := run(context.Background(), t.TempDir(), t.TempDir(), false, env(), &out); err == nil || !strings.Contains(err.Error(), "VERSION") {
		t.Errorf("no VERSION file: %v", err)
	}
	if out.Len() > 0 {
		t.Errorf("printed before failing:\n%s", out.String())
	}
}

// A CLI configuration with a provider_installation block replaces the
// implied local mirror directories: make install names the file. One
// without it, or a block in a comment, is no concern.
func TestCLIConfigsWithInstallation(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the configuration files are in %APPDATA% there")
	}
	home := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(home, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	rc := write(".terraformrc", "provider_installation {\n  direct {}\n}\n")
	write(".tofurc", "# provider_installation { would go here }\nplugin_cache_dir = \"/tmp\"\n")
	explicit := write("explicit.tfrc", "  provider_installation{\n  dev_overrides {}\n}\n")
	if got := cliConfigsWithInstallation(env("HOME", home)); !slices.Equal(got, []string{rc}) {
		t.Errorf("with HOME: %v, want [%s]", got, rc)
	}
	if got := cliConfigsWithInstallation(env("HOME", home, "TF_CLI_CONFIG_FILE", explicit)); !slices.Equal(got, []string{explicit}) {
		t.Errorf("with TF_CLI_CONFIG_FILE: %v, want only it", got)
	}
	if got := cliConfigsWithInstallation(env("HOME", home, "TF_CLI_CONFIG_FILE", filepath.Join(home, "missing"))); len(got) != 0 {
		t.Errorf("a missing TF_CLI_CONFIG_FILE: %v", got)
	}
}
