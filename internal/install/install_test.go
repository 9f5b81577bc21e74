package install

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
)

const root = "../.."

// The provider is built and installed once for the package, into a
// temporary HOME that TestMain removes.
var installed struct {
	once    sync.Once
	home    string
	version string
	files   []string
	err     error
}

func TestMain(m *testing.M) {
	home, err := os.MkdirTemp("", "eightxeight-home-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	installed.home = home
	code := m.Run()
	_ = os.RemoveAll(home)
	os.Exit(code)
}

// installedHome returns a temporary HOME into which Local (make install)
// has installed the provider, and the version it installed.
func installedHome(t *testing.T) (home, version string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("Terraform finds %APPDATA% through the Windows API, not the environment, so a test cannot give it a temporary one")
	}
	installed.once.Do(func() {
		var dir string
		if dir, installed.err = ImpliedPluginsDir(runtime.GOOS, homeEnv(installed.home)); installed.err != nil {
			return
		}
		installed.version, installed.files, installed.err = Local(context.Background(), root, dir)
	})
	if installed.err != nil {
		t.Fatal(installed.err)
	}
	return installed.home, installed.version
}

// homeEnv is a getenv with only HOME, set to home.
func homeEnv(home string) func(string) string {
	return func(k string) string {
		if k == "HOME" {
			return home
		}
		return ""
	}
}

// cli is a Terraform or OpenTofu binary to test with, or why there is none.
type cli struct{ name, path, skip string }

// clis returns Terraform (the binary TF_ACC_TERRAFORM_PATH names if it is
// Terraform, else terraform on PATH) and OpenTofu (the binary
// TF_ACC_TERRAFORM_PATH names if it is OpenTofu, else the one make tools
// builds into the cache).
func clis(t *testing.T) []cli {
	t.Helper()
	tf := cli{name: "terraform", path: "terraform"}
	tofu := cli{name: "opentofu"}
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		name, _, err := Identify(context.Background(), p, Env(t.TempDir()))
		if err != nil {
			t.Fatalf("TF_ACC_TERRAFORM_PATH: %v", err)
		}
		if strings.HasPrefix(name, "OpenTofu") {
			tofu.path = p
		} else {
			tf.path = p
		}
	}
	if _, err := exec.LookPath(tf.path); err != nil {
		if tofu.path == "" {
			t.Fatalf("%s is not on PATH: install Terraform (1.5 or later) first", tf.path)
		}
		tf.skip = "TF_ACC_TERRAFORM_PATH names OpenTofu and terraform is not on PATH"
	}
	if tofu.path == "" {
		tofu.path, tofu.skip = cachedTofu(t)
	}
	return []cli{tf, tofu}
}

// cachedTofu returns where make tools builds OpenTofu (the version the
// GNUmakefile names), or why it is not there.
func cachedTofu(t *testing.T) (path, skip string) {
	t.Helper()
	mk, err := os.ReadFile(filepath.Join(root, "GNUmakefile"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^TOFU_VERSION\s*:=\s*v(\S+)`).FindSubmatch(mk)
	if m == nil {
		t.Fatal("the GNUmakefile has no TOFU_VERSION := v…")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", "OpenTofu: TF_ACC_TERRAFORM_PATH does not name it and there is no home folder to find the tools cache in"
	}
	path = filepath.Join(home, ".cache", "terraform-provider-eightxeight", "bin", "tofu-"+string(m[1]))
	if _, err := os.Stat(path); err != nil {
		return "", "OpenTofu: TF_ACC_TERRAFORM_PATH does not name it and " + path + " does not exist (make tools builds it)"
	}
	return path, ""
}

// make install, then init with no CLI configuration in a folder with a
// backend: init installs the provider from the implied local mirror
// without the network and locks it with an h1: hash; plan reads the
// emulator with it, and its User-Agent carries the version.
func TestMakeInstall_initWorksOfflineWithoutCLIConfiguration(t *testing.T) {
	for _, c := range clis(t) {
		t.Run(c.name, func(t *testing.T) {
			if c.skip != "" {
				t.Skip(c.skip)
			}
			home, version := installedHome(t)
			res, err := Check{CLI: c.path, Env: Env(home), Version: version, Dir: t.TempDir()}.Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{
				`Successfully configured the backend "local"!`,
				"- Installed eightxeight/eightxeight v" + version + " (unauthenticated)",
			} {
				if !strings.Contains(res.Init, want) {
					t.Errorf("%s init's output lacks %q:\n%s", res.CLI, want, res.Init)
				}
			}
			var out strings.Builder
			Report(&out, res)
			t.Log("\n" + out.String())
		})
	}
}

// The control for the test above: with nothing installed, the same init
// fails, and it fails by trying the network (through the proxy that
// counts connections), so the test above does see an init that would go
// to the registry.
func TestInit_withoutMakeInstallTriesTheRegistry(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Terraform finds %APPDATA% through the Windows API, not the environment, so a test cannot give it a temporary one")
	}
	c := clis(t)[0]
	if c.skip != "" {
		t.Skip(c.skip)
	}
	version, err := ReadVersion(root)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Check{CLI: c.path, Env: Env(t.TempDir()), Version: version, Dir: t.TempDir()}.Run(context.Background())
	if err == nil {
		t.Fatalf("init succeeded with nothing installed:\n%s", res.Init)
	}
	if res.Proxied == 0 {
		t.Errorf("init failed without trying the network, so the trap proves nothing: %v", err)
	}
	if !strings.Contains(res.Init, "eightxeight/eightxeight") {
		t.Errorf("init failed, but not about the provider:\n%s", res.Init)
	}
	t.Logf("%d connections to the proxy; %v", res.Proxied, err)
}

// The files Local writes are the unpacked layout, for both registry hosts,
// and hold a binary that reports the VERSION file's version.
func TestLocal_installsTheVersionFileVersion(t *testing.T) {
	home, version := installedHome(t)
	want, err := ReadVersion(root)
	if err != nil {
		t.Fatal(err)
	}
	if version != want {
		t.Errorf("Local installed %s, VERSION holds %s", version, want)
	}
	p := HostPlatform()
	var wantFiles []string
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		wantFiles = append(wantFiles, filepath.Join(home, ".terraform.d", "plugins", host, "eightxeight", "eightxeight", version, p.String(), "terraform-provider-eightxeight_v"+version))
	}
	if strings.Join(installed.files, "\n") != strings.Join(wantFiles, "\n") {
		t.Errorf("Local wrote\n%s\nwant\n%s", strings.Join(installed.files, "\n"), strings.Join(wantFiles, "\n"))
	}
	for _, f := range wantFiles {
		got, err := BinaryVersion(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		if got != version {
			t.Errorf("%s -version prints %s, want %s", f, got, version)
		}
	}
}
