// Command demo is `make demo`: it builds the provider, serves the 8x8 API
// emulator on a free loopback port, points a throwaway Terraform CLI
// configuration at the fresh build with dev_overrides (no terraform init),
// plans and applies examples/demo, and prints the webhooks it read. The
// emulator and every temporary file are gone when it exits, whatever
// happens.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"text/tabwriter"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// source is the provider address the example's required_providers names.
const source = "registry.terraform.io/eightxeight/eightxeight"

func main() {
	example := flag.String("example", "examples/demo", "Terraform configuration to plan and apply")
	terraform := flag.String("terraform", "terraform", "Terraform (or OpenTofu) CLI to run")
	flag.Parse()
	if err := run(".", *example, *terraform, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

// run does the demo for the provider module in root, printing to out.
func run(root, example, terraform string, out io.Writer) error {
	if _, err := exec.LookPath(terraform); err != nil {
		return fmt.Errorf("%s is not on PATH: install Terraform (1.5 or later) or OpenTofu first", terraform)
	}
	tmp, err := os.MkdirTemp("", "eightxeight-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	// Forward Ctrl-C and SIGTERM to the running child instead of dying, so
	// that the deferred clean-up always runs.
	var child *exec.Cmd
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	go func() {
		for s := range signals {
			if child != nil && child.Process != nil {
				_ = child.Process.Signal(s)
			}
		}
	}()
	runCmd := func(name string, args []string, env []string, dir string) ([]byte, error) {
		cmd := exec.Command(name, args...)
		cmd.Env, cmd.Dir, cmd.Stderr = env, dir, os.Stderr
		var stdout bytes.Buffer
		cmd.Stdout = &stdout
		child = cmd
		err := cmd.Run()
		return stdout.Bytes(), err
	}

	step := func(s string) { fmt.Fprintf(out, "\n==> %s\n", s) }
	step("Building the provider")
	plugins := filepath.Join(tmp, "plugins")
	if _, err := runCmd("go", []string{"build", "-o", filepath.Join(plugins, "terraform-provider-eightxeight"), "."}, os.Environ(), root); err != nil {
		return fmt.Errorf("go build: %w", err)
	}

	step("Starting the 8x8 API emulator")
	emu := emulator.New()
	baseURL, stop, err := emu.Listen("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer stop()
	fmt.Fprintf(out, "  serving account %s at %s\n", emulator.DefaultAccountID, baseURL)

	cliConfig := filepath.Join(tmp, "terraformrc")
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", source, plugins)
	if err := os.WriteFile(cliConfig, []byte(rc), 0o600); err != nil {
		return err
	}
	work := filepath.Join(tmp, "work")
	if err := copyTF(filepath.Join(root, example), work); err != nil {
		return err
	}
	env := append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey,
		"EIGHTXEIGHT_BASE_URL="+baseURL,
		"TF_VAR_account_id="+emulator.DefaultAccountID,
	)

	for _, args := range [][]string{{"plan", "-input=false", "-no-color"}, {"apply", "-input=false", "-auto-approve", "-no-color"}} {
		step(terraform + " " + args[0])
		stdout, err := runCmd(terraform, args, env, work)
		_, _ = out.Write(stdout)
		if err != nil {
			return fmt.Errorf("%s %s: %w", terraform, args[0], err)
		}
	}

	stdout, err := runCmd(terraform, []string{"output", "-json", "webhooks"}, env, work)
	if err != nil {
		return fmt.Errorf("%s output: %w", terraform, err)
	}
	var hooks []struct {
		Type         *string `json:"type"`
		SubAccountID string  `json:"sub_account_id"`
		URL          string  `json:"url"`
		Enabled      bool    `json:"enabled"`
		Auth         string  `json:"auth"`
	}
	if err := json.Unmarshal(stdout, &hooks); err != nil {
		return fmt.Errorf("reading the webhooks output: %w", err)
	}
	step(fmt.Sprintf("The %d webhooks of account %s", len(hooks), emulator.DefaultAccountID))
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  TYPE\tSUB-ACCOUNT\tURL\tENABLED\tAUTH")
	for _, h := range hooks {
		typ := "-"
		if h.Type != nil {
			typ = *h.Type
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%t\t%s\n", typ, h.SubAccountID, h.URL, h.Enabled, h.Auth)
	}
	tw.Flush()
	if len(hooks) == 0 {
		return errors.New("the demo read no webhooks")
	}

	fmt.Fprintf(out, `
When this exits, the emulator stops and the temporary files are removed.
To read a real 8x8 account with the same configuration, install the provider
(or keep a dev_overrides CLI configuration pointing at a build) and run:

  export EIGHTXEIGHT_API_KEY=<API key from the 8x8 Connect portal>
  export EIGHTXEIGHT_REGION=<asia-pacific | europe | north-america | indonesia>
  export TF_VAR_account_id=<your 8x8 account id>
  cd %s && terraform init && terraform plan
`, example)
	return nil
}

// copyTF copies the .tf files of dir into a new directory dst.
func copyTF(dir, dst string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no .tf files in %s", dir)
	}
	if err := os.MkdirAll(dst, 0o700); err != nil {
		return err
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(f)), b, 0o600); err != nil {
			return err
		}
	}
	return nil
}
