// Package tfharness runs a real Terraform (or OpenTofu) CLI against a fresh
// build of the provider and the in-repo 8x8 API emulator, the way a user
// would: a CLI configuration with dev_overrides, no `terraform init`. The
// demo, the log-secrecy test, the example tests and the benchmarks share it.
package tfharness

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// Sources are the addresses that the examples' required_providers
// ("eightxeight/eightxeight") mean to Terraform and to OpenTofu.
var Sources = []string{"registry.terraform.io/eightxeight/eightxeight", "registry.opentofu.org/eightxeight/eightxeight"}

// Harness is a temporary directory with a provider build and a CLI
// configuration that points Terraform at it.
type Harness struct {
	Dir       string // everything lives below it; Close removes it
	Terraform string // the CLI to run
	cliConfig string
	provider  string // the provider binary Terraform starts

	mu    sync.Mutex
	child *exec.Cmd
}

// New builds the provider module at root into a new temporary directory and
// writes a dev_overrides CLI configuration for it. extra maps other provider
// sources to directories holding local builds of them (e.g. for
// comparisons in benchmarks).
func New(root, terraform string, extra ...map[string]string) (*Harness, error) {
	if _, err := exec.LookPath(terraform); err != nil {
		return nil, fmt.Errorf("%s is not on PATH: install Terraform (1.5 or later) or OpenTofu first", terraform)
	}
	dir, err := os.MkdirTemp("", "eightxeight-tf-")
	if err != nil {
		return nil, err
	}
	h := &Harness{Dir: dir, Terraform: terraform, cliConfig: filepath.Join(dir, "terraformrc")}
	plugins := filepath.Join(dir, "plugins")
	h.provider = filepath.Join(plugins, "terraform-provider-eightxeight")
	build := exec.Command("go", "build", "-o", filepath.Join(plugins, "terraform-provider-eightxeight"), ".")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		h.Close()
		return nil, fmt.Errorf("go build: %w\n%s", err, out)
	}
	var overrides string
	for _, source := range Sources {
		overrides += fmt.Sprintf("    %q = %q\n", source, plugins)
	}
	for _, m := range extra {
		for source, dir := range m {
			overrides += fmt.Sprintf("    %q = %q\n", source, dir)
		}
	}
	rc := "provider_installation {\n  dev_overrides {\n" + overrides + "  }\n  direct {}\n}\n"
	if err := os.WriteFile(h.cliConfig, []byte(rc), 0o600); err != nil {
		h.Close()
		return nil, err
	}
	return h, nil
}

// Close removes every file the harness made.
func (h *Harness) Close() { _ = os.RemoveAll(h.Dir) }

// Workspace copies the .tf files of dir, then the extra files (name →
// content), into a new working directory below the harness and returns its
// path. An empty dir means no files from disk, only the extra ones.
func (h *Harness) Workspace(dir string, extra map[string]string) (string, error) {
	var files []string
	if dir != "" {
		var err error
		if files, err = filepath.Glob(filepath.Join(dir, "*.tf")); err != nil {
			return "", err
		}
		if len(files) == 0 && len(extra) == 0 {
			return "", fmt.Errorf("no .tf files in %s", dir)
		}
	} else if len(extra) == 0 {
		return "", errors.New("no files for the workspace: no folder and no extra files")
	}
	work, err := os.MkdirTemp(h.Dir, "work-")
	if err != nil {
		return "", err
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(work, filepath.Base(f)), b, 0o600); err != nil {
			return "", err
		}
	}
	for name, content := range extra {
		if err := os.WriteFile(filepath.Join(work, name), []byte(content), 0o600); err != nil {
			return "", err
		}
	}
	return work, nil
}

// Env is the environment for a command: the process's own, less any
// EIGHTXEIGHT_* or TF_CLI_CONFIG_FILE it had, plus the harness's CLI
// configuration and vars.
func (h *Harness) Env(vars ...string) []string {
	env := []string{"TF_CLI_CONFIG_FILE=" + h.cliConfig, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1"}
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "EIGHTXEIGHT_") || strings.HasPrefix(kv, "TF_CLI_CONFIG_FILE=") || strings.HasPrefix(kv, "TF_LOG") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, vars...)
}

// Run runs the CLI with args in dir and returns its standard output and
// standard error.
func (h *Harness) Run(dir string, env []string, args ...string) (stdout, stderr []byte, err error) {
	cmd := exec.Command(h.Terraform, args...)
	var o, e bytes.Buffer
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, env, &o, &e
	h.mu.Lock()
	err = cmd.Start()
	if err == nil {
		h.child = cmd
	}
	h.mu.Unlock()
	if err == nil {
		err = cmd.Wait()
		h.mu.Lock()
		h.child = nil
		h.mu.Unlock()
	}
	if err != nil {
		err = fmt.Errorf("%s %s: %w\n%s", filepath.Base(h.Terraform), args[0], err, e.Bytes())
	}
	return o.Bytes(), e.Bytes(), err
}

// Signal passes s to the command running now, if any.
func (h *Harness) Signal(s os.Signal) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.child != nil {
		_ = h.child.Process.Signal(s)
	}
}

// CLI is the Terraform or OpenTofu binary that tests run: the one named by
// TF_ACC_TERRAFORM_PATH, as terraform-plugin-testing does, else terraform.
func CLI() string {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	return "terraform"
}
