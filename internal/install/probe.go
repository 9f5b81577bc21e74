package install

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// Env returns the environment for a Terraform or OpenTofu CLI that must
// find the provider only where this package put it: the process's own,
// less every variable that points the CLI at another configuration, plugin
// cache, data folder, home or proxy, or that configures the provider
// (TF_*, EIGHTXEIGHT_*, CHECKPOINT_DISABLE, HOME, XDG_*, *_PROXY in any
// case), then HOME and the XDG folders below home, CHECKPOINT_DISABLE=1
// and extra.
func Env(home string, extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		upper := strings.ToUpper(name)
		switch {
		case strings.HasPrefix(upper, "TF_"), strings.HasPrefix(upper, "EIGHTXEIGHT_"), strings.HasPrefix(upper, "XDG_"),
			upper == "HOME", upper == "CHECKPOINT_DISABLE", strings.HasSuffix(upper, "_PROXY"):
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"XDG_DATA_HOME="+filepath.Join(home, ".local", "share"),
		"XDG_CACHE_HOME="+filepath.Join(home, ".cache"),
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
	)
	return append(env, extra...)
}

// Identify runs cli version and returns its first line ("Terraform
// v1.11.4", "OpenTofu v1.12.6") and the registry host that
// "eightxeight/eightxeight" means to it.
func Identify(ctx context.Context, cli string, env []string) (name, host string, err error) {
	cmd := exec.CommandContext(ctx, cli, "version")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		return "", "", fmt.Errorf("%s version: %w", cli, err)
	}
	name, _, _ = strings.Cut(strings.TrimSpace(string(out)), "\n")
	switch {
	case strings.HasPrefix(name, "Terraform v"):
		return name, "registry.terraform.io", nil
	case strings.HasPrefix(name, "OpenTofu v"):
		return name, "registry.opentofu.org", nil
	}
	return "", "", fmt.Errorf("%s version printed %q: neither Terraform nor OpenTofu", cli, name)
}

// Check is one proof that a CLI installs the provider with `init` and uses
// it with `plan`, offline.
type Check struct {
	CLI     string   // the terraform or tofu binary
	Env     []string // the CLI's whole environment (see Env)
	Version string   // the provider version the build reports (-version, User-Agent)
	Dir     string   // an empty folder to work in
}

// RequiredVersion is how a configuration must require version: Terraform
// and OpenTofu read a version from a file name in lower case
// (0.1.0-SNAPSHOT-1a2b3c4 becomes 0.1.0-snapshot-1a2b3c4) and compare
// prereleases case-sensitively, so 0.1.0-SNAPSHOT-1a2b3c4 as written
// matches nothing.
func RequiredVersion(version string) string { return strings.ToLower(version) }

// Result is what a Check saw.
type Result struct {
	CLI       string   // the CLI's version line
	Address   string   // the provider's address in the lock file
	Init      string   // init's output
	Lock      string   // .terraform.lock.hcl
	Hashes    []string // the provider's hashes in the lock file
	Plan      string   // plan's output
	UserAgent string   // what the provider sent the emulator
	// Proxied counts the connections that reached the proxy the CLI was
	// given: each one is an attempt to use the network.
	Proxied int64
}

// Config is the configuration a Check plans: a backend, so that init has
// one to configure, the provider at exactly version, and one read of the
// emulator's documented example account.
func Config(version string) string {
	return fmt.Sprintf(`terraform {
  backend "local" {}
  required_providers {
    eightxeight = {
      source  = "eightxeight/eightxeight"
      version = %q
    }
  }
}

provider "eightxeight" {} # base_url and api_key from the environment

data "eightxeight_webhooks" "all" {
  account_id = %q
}

output "webhooks" {
  value = length(data.eightxeight_webhooks.all.webhooks)
}
`, version, emulator.DefaultAccountID)
}

// Run writes Config(RequiredVersion(c.Version)) into c.Dir, then runs init
// and plan there against a fresh emulator, with every proxy variable naming
// a local port that counts and refuses connections, so that any use of the
// network shows. It fails unless init succeeds without the network and
// writes a lock file holding the provider at that version with an h1:
// hash, plan reads the emulator's four webhooks, and the provider's
// User-Agent carries c.Version. The Result holds what was seen, also on
// failure.
func (c Check) Run(ctx context.Context) (*Result, error) {
	res := &Result{}
	name, host, err := Identify(ctx, c.CLI, c.Env)
	if err != nil {
		return res, err
	}
	res.CLI = name
	res.Address = host + "/" + Namespace + "/" + Type

	emu := emulator.New()
	baseURL, stop, err := emu.Listen("127.0.0.1:0")
	if err != nil {
		return res, err
	}
	defer stop()
	proxy, err := listenTrap()
	if err != nil {
		return res, err
	}
	defer func() { res.Proxied = proxy.Close() }()

	required := RequiredVersion(c.Version)
	if err := os.WriteFile(filepath.Join(c.Dir, "main.tf"), []byte(Config(required)), 0o600); err != nil {
		return res, err
	}
	env := append(append([]string(nil), c.Env...), "EIGHTXEIGHT_BASE_URL="+baseURL, "EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey)
	for _, v := range []string{"HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy", "all_proxy"} {
		env = append(env, v+"="+proxy.URL())
	}
	run := func(args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, c.CLI, args...)
		cmd.Dir, cmd.Env = c.Dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			err = fmt.Errorf("%s %s: %w\n%s", name, args[0], err, out)
		}
		return string(out), err
	}

	if res.Init, err = run("init", "-input=false", "-no-color"); err != nil {
		return res, err
	}
	if n := proxy.Count(); n > 0 {
		return res, fmt.Errorf("%s init reached for the network (%d connections to the proxy it was given):\n%s", name, n, res.Init)
	}
	lock, err := os.ReadFile(filepath.Join(c.Dir, ".terraform.lock.hcl"))
	if err != nil {
		return res, fmt.Errorf("%s init wrote no lock file: %w", name, err)
	}
	res.Lock = string(lock)
	if res.Hashes, err = lockedHashes(res.Lock, res.Address, required); err != nil {
		return res, err
	}

	if res.Plan, err = run("plan", "-input=false", "-no-color"); err != nil {
		return res, err
	}
	if want := fmt.Sprintf("webhooks = %d", len(emulator.DocumentedExample())); !strings.Contains(res.Plan, want) {
		return res, fmt.Errorf("%s plan did not read the emulator's account (no %q in its output):\n%s", name, want, res.Plan)
	}
	for _, r := range emu.Requests() {
		if ua := r.Header.Get("User-Agent"); strings.HasPrefix(ua, Project+"/") {
			res.UserAgent = ua
		}
	}
	if want := Project + "/" + c.Version + " "; !strings.HasPrefix(res.UserAgent, want) {
		return res, fmt.Errorf("the provider's User-Agent is %q, want one starting %q", res.UserAgent, want)
	}
	return res, nil
}

// Report prints what a successful Check saw: init's lines about the
// provider, the lock file's hashes and the User-Agent.
func Report(out io.Writer, res *Result) {
	fmt.Fprintf(out, "==> %s: init and plan, offline (%d connections to the proxy)\n", res.CLI, res.Proxied)
	for _, l := range strings.Split(res.Init, "\n") {
		if strings.HasPrefix(l, "- ") || strings.Contains(l, "initialized!") || (strings.HasPrefix(l, "Successfully") && strings.Contains(l, "backend")) {
			fmt.Fprintf(out, "  %s\n", l)
		}
	}
	fmt.Fprintf(out, "  lock file, provider %q:\n", res.Address)
	for _, h := range res.Hashes {
		fmt.Fprintf(out, "    %s\n", h)
	}
	fmt.Fprintf(out, "  plan read the emulator; User-Agent: %s\n", res.UserAgent)
}

// lockedHashes returns the hashes that the lock file text lock records for
// the provider address at version, and an error unless one is an h1: hash.
func lockedHashes(lock, address, version string) ([]string, error) {
	m := regexp.MustCompile(`(?s)provider "` + regexp.QuoteMeta(address) + `" \{\n(.*?)\n\}`).FindStringSubmatch(lock)
	if m == nil {
		return nil, fmt.Errorf("the lock file has no provider %q:\n%s", address, lock)
	}
	v := regexp.MustCompile(`(?m)^\s*version\s*=\s*"([^"]*)"`).FindStringSubmatch(m[1])
	if v == nil || v[1] != version {
		return nil, fmt.Errorf("the lock file holds %s at %v, want version %q:\n%s", address, v, version, lock)
	}
	var hashes []string
	h1 := false
	for _, h := range regexp.MustCompile(`"((?:h1|zh):[^"]+)"`).FindAllStringSubmatch(m[1], -1) {
		hashes = append(hashes, h[1])
		h1 = h1 || strings.HasPrefix(h[1], "h1:")
	}
	if !h1 {
		return hashes, fmt.Errorf("the lock file has no h1: hash for %s:\n%s", address, lock)
	}
	return hashes, nil
}

// trap is a proxy that refuses every connection and counts them.
type trap struct {
	ln   net.Listener
	n    atomic.Int64
	once sync.Once
	done chan struct{}
}

func listenTrap() (*trap, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	t := &trap{ln: ln, done: make(chan struct{})}
	go func() {
		defer close(t.done)
		for {
			conn, err := ln.Accept()
			if errors.Is(err, net.ErrClosed) {
				return
			}
			if err == nil {
				t.n.Add(1)
				_ = conn.Close()
			}
		}
	}()
	return t, nil
}

func (t *trap) URL() string  { return "http://" + t.ln.Addr().String() }
func (t *trap) Count() int64 { return t.n.Load() }

// Close stops the trap and returns how many connections it refused.
func (t *trap) Close() int64 {
	t.once.Do(func() { _ = t.ln.Close(); <-t.done })
	return t.n.Load()
}
