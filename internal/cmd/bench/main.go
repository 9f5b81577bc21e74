// Command bench is `make bench`: whole-process timings of `terraform plan`
// against the in-repo 8x8 API emulator, for one data source over 4 and over
// 10,000 webhooks and for 20 data sources over one account. It reports the
// median wall time of several runs and the provider's peak resident memory
// (each provider process runs under /usr/bin/time). Given -http-provider-dir,
// a directory holding a local build of hashicorp/http, it also times the same
// reads done the generic way (data "http" + jsondecode).
package main

import (
	"context"
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

const bigAccount = "0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d"

func main() {
	runs := flag.Int("runs", 5, "timed runs per scenario (after one warm-up run)")
	clis := flag.String("terraform", "terraform", "comma-separated Terraform or OpenTofu CLIs to run")
	httpDir := flag.String("http-provider-dir", "", "directory with a terraform-provider-http binary, to compare with data \"http\" + jsondecode")
	slow := flag.Duration("slow", 90*time.Second, "a scenario whose warm-up run takes longer is stopped and reported as such")
	only := flag.String("only", "", "run only the scenarios whose name contains this")
	flag.Parse()
	if err := run(*runs, strings.Split(*clis, ","), *httpDir, *slow, *only); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type scenario struct {
	name, route, config string
	provider            string // the binary name whose memory is measured
}

func run(runs int, clis []string, httpDir string, slow time.Duration, only string) error {
	timeBin, err := exec.LookPath("/usr/bin/time")
	if err != nil {
		return fmt.Errorf("GNU time is needed at /usr/bin/time (Debian package time): %w", err)
	}
	emu := emulator.New()
	emu.SetWebhooks(bigAccount, emulator.Generate(10000))
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

	// A local hashicorp/http build, wrapped the same way, for the generic route.
	var extra map[string]string
	if httpDir != "" {
		wrapped := filepath.Join(tmp, "http")
		script := tfharness.WrapperScript(filepath.Join(httpDir, "terraform-provider-http"), record("terraform-provider-http")...)
		if err := os.MkdirAll(wrapped, 0o700); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(wrapped, "terraform-provider-http"), []byte(script), 0o700); err != nil {
			return err
		}
		extra = map[string]string{"registry.terraform.io/hashicorp/http": wrapped, "registry.opentofu.org/hashicorp/http": wrapped}
	}
	h, err := tfharness.New(".", clis[0], extra)
	if err != nil {
		return err
	}
	defer h.Close()
	if err := h.WrapProvider(record("terraform-provider-eightxeight")...); err != nil {
		return err
	}
	scenarios := []scenario{
		{"1 data source, 4 webhooks", "eightxeight", eightxeight(1, emulator.DefaultAccountID, true), "terraform-provider-eightxeight"},
		{"1 data source, 10,000 webhooks, no expression over them", "eightxeight", eightxeight(1, bigAccount, false), "terraform-provider-eightxeight"},
		{"1 data source, 10,000 webhooks", "eightxeight", eightxeight(1, bigAccount, true), "terraform-provider-eightxeight"},
		{"20 data sources, one account (4 webhooks)", "eightxeight", eightxeight(20, emulator.DefaultAccountID, true), "terraform-provider-eightxeight"},
	}
	if httpDir != "" {
		scenarios = append(scenarios,
			scenario{"1 data source, 4 webhooks", "http + jsondecode", generic(1, emulator.DefaultAccountID), "terraform-provider-http"},
			scenario{"1 data source, 10,000 webhooks", "http + jsondecode", generic(1, bigAccount), "terraform-provider-http"},
			scenario{"20 data sources, one account (4 webhooks)", "http + jsondecode", generic(20, emulator.DefaultAccountID), "terraform-provider-http"},
		)
	}
	env := h.Env("EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey, "EIGHTXEIGHT_BASE_URL="+baseURL,
		"TF_VAR_base_url="+baseURL, "TF_VAR_api_key="+emulator.DefaultAPIKey)

	fmt.Printf("Machine: %d CPUs (%s), %s/%s. %d timed runs per row after one warm-up run; peak RSS is the largest of those runs.\n\n",
		runtime.NumCPU(), cpuModel(), runtime.GOOS, runtime.GOARCH, runs)
	fmt.Println("| CLI | scenario | route | median wall | fastest – slowest | provider peak RSS | CLI peak RSS |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, cli := range clis {
		for _, sc := range scenarios {
			if !strings.Contains(sc.name, only) {
				continue
			}
			work, err := h.Workspace("", map[string]string{"main.tf": sc.config})
			if err != nil {
				return err
			}
			row, err := measure(cli, work, env, rssFile, sc.provider, runs, slow)
			if err != nil {
				return fmt.Errorf("%s, %s (%s): %w", cli, sc.name, sc.route, err)
			}
			fmt.Printf("| %s | %s | %s | %s |\n", cliVersion(cli, env), sc.name, sc.route, row)
		}
	}
	return nil
}

// measure runs `plan` once to warm up, then runs times, and formats the
// table cells of the result.
func measure(cli, work string, env []string, rssFile, provider string, runs int, slow time.Duration) (string, error) {
	var walls []time.Duration
	var providerKB, cliKB int64
	for i := 0; i <= runs; i++ {
		_ = os.Remove(rssFile)
		ctx, cancel := context.WithTimeout(context.Background(), slow)
		cmd := exec.CommandContext(ctx, cli, "plan", "-input=false", "-no-color", "-lock=false")
		cmd.Dir, cmd.Env = work, env
		// On a timeout, stop the CLI and the providers it started.
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
		start := time.Now()
		out, err := cmd.CombinedOutput()
		wall := time.Since(start)
		timedOut := ctx.Err() != nil
		cancel()
		if timedOut {
			return fmt.Sprintf("over %s (stopped) | – | – | –", slow), nil //nolint:nilerr // a stopped run is a result to report, not a failure
		}
		if err != nil {
			return "", fmt.Errorf("%w\n%s", err, out)
		}
		if i == 0 {
			continue // warm-up
		}
		walls = append(walls, wall)
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			cliKB = max(cliKB, ru.Maxrss)
		}
		providerKB = max(providerKB, peakKB(rssFile, provider))
	}
	slices.Sort(walls)
	return fmt.Sprintf("%s | %s – %s | %.0f MB | %.0f MB", ms(walls[len(walls)/2]), ms(walls[0]), ms(walls[len(walls)-1]),
		float64(providerKB)/1024, float64(cliKB)/1024), nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%d ms", d.Milliseconds()) }

// eightxeight reads one account with n data sources of this provider;
// with outputs, each is summed up by a for expression over its webhooks.
func eightxeight(n int, account string, outputs bool) string {
	var b strings.Builder
	b.WriteString(`terraform {
  required_providers {
    eightxeight = { source = "eightxeight/eightxeight" }
  }
}
provider "eightxeight" {}
`)
	for i := range n {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "data \"eightxeight_webhooks\" \"d%d\" {\n  account_id = %q\n}\n", i, account)
		case 1:
			fmt.Fprintf(&b, "data \"eightxeight_webhooks\" \"d%d\" {\n  account_id = %q\n  type = \"MSG\"\n}\n", i, account)
		case 2:
			fmt.Fprintf(&b, "data \"eightxeight_webhooks\" \"d%d\" {\n  account_id = %q\n  enabled = false\n}\n", i, account)
		case 3:
			fmt.Fprintf(&b, "data \"eightxeight_webhooks\" \"d%d\" {\n  account_id = %q\n  sub_account_id = \"*\"\n}\n", i, account)
		}
		if outputs {
			fmt.Fprintf(&b, "output \"n%d\" {\n  value = length([for w in data.eightxeight_webhooks.d%d.webhooks : w.url])\n}\n", i, i)
		}
	}
	return b.String()
}

// generic does the same reads with hashicorp/http and jsondecode, the route
// a user could take without this provider.
func generic(n int, account string) string {
	var b strings.Builder
	b.WriteString(`terraform {
  required_providers {
    http = { source = "hashicorp/http" }
  }
}
variable "base_url" { type = string }
variable "api_key" {
  type      = string
  sensitive = true
}
`)
	filters := []string{"true", `w.type == "MSG"`, `!try(w.enabled, true)`, `w.subAccountId == "*"`}
	for i := range n {
		fmt.Fprintf(&b, `data "http" "d%[1]d" {
  url = "${var.base_url}/api/v1/accounts/%[2]s/webhooks"
  request_headers = {
    Authorization = "Bearer ${var.api_key}"
    Accept        = "application/json"
  }
}
output "n%[1]d" {
  value = length([for w in jsondecode(data.http.d%[1]d.response_body) : w.url if %[3]s])
}
`, i, account, filters[i%4])
	}
	return b.String()
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
