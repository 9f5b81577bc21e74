//go:build linux

// Command bench is the whole-process half of `make bench`: it times
// `terraform plan` of one eightxeight_webhooks read against the in-repo 8x8
// API emulator at several account sizes, on each CLI given, in one run,
// through three routes: the provider as released (internal/fastpath in
// front of the framework), the same provider served by the framework alone
// (built with -X main.readRoute=framework: when a framework upgrade closes
// the gap, the fast path can go), and the generic route a user could take
// instead (`data "http"` + `jsondecode`, given a local build of
// hashicorp/http). Each group's runs alternate between the routes, so that
// all see the same machine. It prints Markdown tables: median wall time
// (with its range, and the median CPU time of the CLI and its providers),
// the ratio of the wall times to the generic route, how time grows from
// 1,000 to 10,000 webhooks, and each provider's peak resident memory (each
// provider process runs under /usr/bin/time).
// Linux only: it uses process groups, rusage and GNU time.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/tfharness"
)

func main() {
	runs := flag.Int("runs", 5, "timed runs per route and group (after one warm-up run each)")
	clis := flag.String("terraform", "terraform", "comma-separated Terraform or OpenTofu CLIs to run")
	httpDir := flag.String("http-provider-dir", "", "directory with a terraform-provider-http binary: adds the generic route (data \"http\" + jsondecode)")
	sizes := flag.String("webhooks", "4,100,1000,10000", "comma-separated account sizes")
	slow := flag.Duration("slow", 90*time.Second, "a plan that takes longer is stopped and its group reported as such")
	flag.Parse()
	var ns []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "bench: -webhooks: %q is not a positive number\n", s)
			os.Exit(2)
		}
		ns = append(ns, n)
	}
	if err := run(*runs, strings.Split(*clis, ","), *httpDir, ns, *slow); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// The two expressions a plan evaluates over the list: its length only, and
// a for expression that touches every element.
var outputs = []string{"length", "for"}

// route is one way to read an account into Terraform.
type route struct {
	name     string
	provider string // the provider binary whose memory is measured
	config   func(account, output string) string
}

var eightxeightRoute = route{"eightxeight", "terraform-provider-eightxeight", eightxeightConfig("eightxeight/eightxeight")}

// frameworkRoute is the provider served by the framework alone, under a
// source of its own.
var frameworkRoute = route{"framework only", "terraform-provider-eightxeight-framework", eightxeightConfig("eightxeight/eightxeight-framework")}

// frameworkSources are the addresses of frameworkRoute's build.
var frameworkSources = []string{"registry.terraform.io/eightxeight/eightxeight-framework", "registry.opentofu.org/eightxeight/eightxeight-framework"}

func eightxeightConfig(source string) func(account, output string) string {
	return func(account, output string) string {
		list := "data.eightxeight_webhooks.w.webhooks"
		return fmt.Sprintf(`terraform {
  required_providers {
    eightxeight = { source = %q }
  }
}
provider "eightxeight" {}
data "eightxeight_webhooks" "w" {
  account_id = %q
}
output "n" {
  value = %s
}
`, source, account, expression(list, output))
	}
}

var genericRoute = route{"http + jsondecode", "terraform-provider-http", func(account, output string) string {
	list := "jsondecode(data.http.w.response_body)"
	return fmt.Sprintf(`terraform {
  required_providers {
    http = { source = "hashicorp/http" }
  }
}
variable "base_url" { type = string }
variable "api_key" {
  type      = string
  sensitive = true
}
data "http" "w" {
  url = "${var.base_url}/api/v1/accounts/%s/webhooks"
  request_headers = {
    Authorization = "Bearer ${var.api_key}"
    Accept        = "application/json"
  }
}
output "n" {
  value = %s
}
`, account, expression(list, output))
}}

func expression(list, output string) string {
	if output == "for" {
		return fmt.Sprintf(`length([for w in %s : w.url if startswith(w.url, "https://")])`, list)
	}
	return fmt.Sprintf("length(%s)", list)
}

// result is one route's runs in one group.
type result struct {
	walls      []time.Duration
	cpus       []time.Duration // user + system time of the CLI and its children
	providerKB int64
	stopped    bool
}

func (r result) median() time.Duration { return median(r.walls) }

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	w := slices.Clone(ds)
	slices.Sort(w)
	return w[len(w)/2]
}

func run(runs int, clis []string, httpDir string, sizes []int, slow time.Duration) error {
	timeBin, err := exec.LookPath("/usr/bin/time")
	if err != nil {
		return fmt.Errorf("GNU time is needed at /usr/bin/time (Debian package time): %w", err)
	}
	emu := emulator.New()
	accounts := map[int]string{}
	for i, n := range sizes {
		accounts[n] = fmt.Sprintf("0a1b2c3d4e5f4a6b8c7d9e0f1a2b%04x", i)
		emu.SetWebhooks(accounts[n], emulator.Generate(n))
	}
	baseURL, stop, err := emu.Listen("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer stop()

	tmp, err := os.MkdirTemp("", "eightxeight-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	rssFile := filepath.Join(tmp, "rss") // each provider process appends "<binary> <peak KB>"
	record := func(binary string) []string {
		return []string{timeBin, "-f", binary + " %M", "-a", "-o", rssFile}
	}

	routes := []route{eightxeightRoute, frameworkRoute}
	extra := map[string]string{}
	// wrap puts a script under name in a new folder of tmp that runs binary
	// under /usr/bin/time, and maps sources to that folder.
	wrap := func(name, binary string, sources ...string) error {
		dir := filepath.Join(tmp, name)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
		script := tfharness.WrapperScript(binary, record(name)...)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o700); err != nil {
			return err
		}
		for _, source := range sources {
			extra[source] = dir
		}
		return nil
	}
	framework := filepath.Join(tmp, "build", frameworkRoute.provider)
	build := exec.Command("go", "build", "-ldflags", "-X main.readRoute=framework", "-o", framework, ".")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build (framework only): %w\n%s", err, out)
	}
	if err := wrap(frameworkRoute.provider, framework, frameworkSources...); err != nil {
		return err
	}
	if httpDir != "" {
		routes = append(routes, genericRoute)
		if err := wrap(genericRoute.provider, filepath.Join(httpDir, genericRoute.provider),
			"registry.terraform.io/hashicorp/http", "registry.opentofu.org/hashicorp/http"); err != nil {
			return err
		}
	}
	h, err := tfharness.New(".", clis[0], extra)
	if err != nil {
		return err
	}
	defer h.Close()
	if err := h.WrapProvider(record(eightxeightRoute.provider)...); err != nil {
		return err
	}
	env := h.Env("EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey, "EIGHTXEIGHT_BASE_URL="+baseURL,
		"TF_VAR_base_url="+baseURL, "TF_VAR_api_key="+emulator.DefaultAPIKey)

	fmt.Printf("Machine: %d CPUs (%s), %s/%s, %s. Each group: one warm-up plan per route, then %d plans per route, alternating; "+
		"median wall time; peak RSS is the provider process's largest.\n", runtime.NumCPU(), cpuModel(), runtime.GOOS, runtime.GOARCH,
		runtime.Version(), runs)
	for _, cli := range clis {
		fmt.Printf("\n### %s\n\n", cliVersion(cli, env))
		fmt.Println("| webhooks | output | eightxeight | framework only | http + jsondecode | ratio to http | eightxeight peak RSS | framework only peak RSS | http peak RSS |")
		fmt.Println("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
		medians := map[string]map[int]time.Duration{} // by output, size: eightxeight's median
		for _, output := range outputs {
			medians[output] = map[int]time.Duration{}
			for _, n := range sizes {
				work := map[string]string{}
				for _, r := range routes {
					if work[r.name], err = h.Workspace("", map[string]string{"main.tf": r.config(accounts[n], output)}); err != nil {
						return err
					}
				}
				results, err := measure(cli, routes, work, env, rssFile, runs, slow)
				if err != nil {
					return fmt.Errorf("%s, %d webhooks, %s output: %w", cli, n, output, err)
				}
				medians[output][n] = results[0].median()
				fmt.Printf("| %d | %s |%s\n", n, output, cells(results))
			}
		}
		if slices.Contains(sizes, 1000) && slices.Contains(sizes, 10000) {
			for _, output := range outputs {
				if a, b := medians[output][1000], medians[output][10000]; a > 0 && b > 0 {
					fmt.Printf("\neightxeight, %s output: time(10,000) / time(1,000) = %.1f", output, float64(b)/float64(a))
				}
			}
			fmt.Println()
		}
	}
	return nil
}

// measure plans each route's workspace once to warm up, then runs times
// in turn, and returns the results in the order of routes.
func measure(cli string, routes []route, work map[string]string, env []string, rssFile string, runs int, slow time.Duration) ([]result, error) {
	results := make([]result, len(routes))
	for i := 0; i <= runs; i++ {
		for j, r := range routes {
			if results[j].stopped {
				continue
			}
			_ = os.Remove(rssFile)
			wall, cpu, err := plan(cli, work[r.name], env, slow)
			if errors.Is(err, errSlow) {
				results[j].stopped = true
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", r.name, err)
			}
			if i == 0 {
				continue // warm-up
			}
			results[j].walls = append(results[j].walls, wall)
			results[j].cpus = append(results[j].cpus, cpu)
			results[j].providerKB = max(results[j].providerKB, peakKB(rssFile, r.provider))
		}
	}
	return results, nil
}

var errSlow = errors.New("stopped: too slow")

// plan runs `plan` in work and returns its wall time and the CPU time of
// the CLI and the providers it started.
func plan(cli, work string, env []string, slow time.Duration) (wall, cpu time.Duration, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), slow)
	defer cancel()
	cmd := exec.CommandContext(ctx, cli, "plan", "-input=false", "-no-color", "-lock=false")
	cmd.Dir, cmd.Env = work, env
	// On a timeout, stop the CLI and the providers it started.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall = time.Since(start)
	if ctx.Err() != nil {
		return 0, 0, errSlow
	}
	if err != nil {
		return 0, 0, fmt.Errorf("%w\n%s", err, out)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return wall, cpu, nil
}

// cells formats one table row's cells after the group's name: results
// are eightxeight's, framework only's and, if measured, the generic
// route's.
func cells(results []result) string {
	own, fw := results[0], results[1]
	generic, ratio := "–", "–"
	genericRSS := "–"
	if len(results) > 2 {
		g := results[2]
		generic, genericRSS = wallCell(g), rssCell(g)
		if !own.stopped && !g.stopped {
			ratio = fmt.Sprintf("%.2f", float64(own.median())/float64(g.median()))
		}
	}
	return fmt.Sprintf(" %s | %s | %s | %s | %s | %s | %s |", wallCell(own), wallCell(fw), generic, ratio, rssCell(own), rssCell(fw), genericRSS)
}

func wallCell(r result) string {
	if r.stopped {
		return "stopped (too slow)"
	}
	return fmt.Sprintf("%d ms (%d–%d; CPU %d)", r.median().Milliseconds(), slices.Min(r.walls).Milliseconds(),
		slices.Max(r.walls).Milliseconds(), median(r.cpus).Milliseconds())
}

func rssCell(r result) string {
	if r.stopped || r.providerKB == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f MB", float64(r.providerKB)/1024)
}

// peakKB is the largest peak RSS that /usr/bin/time recorded for binary.
func peakKB(file, binary string) int64 {
	b, _ := os.ReadFile(file)
	var kb int64
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, binary+" "); ok {
			if n, err := strconv.ParseInt(strings.TrimSpace(rest), 10, 64); err == nil {
				kb = max(kb, n)
			}
		}
	}
	return kb
}

func cpuModel() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for _, line := range strings.Split(string(b), "\n") {
		if name, ok := strings.CutPrefix(line, "model name"); ok {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
		}
	}
	return "unknown CPU"
}

func cliVersion(terraform string, env []string) string {
	cmd := exec.Command(terraform, "version")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		return terraform
	}
	return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}
