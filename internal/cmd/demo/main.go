// Command demo is `make demo`: it builds the provider, serves the 8x8 API
// emulator on a free loopback port, points a throwaway Terraform CLI
// configuration at the fresh build with dev_overrides (no terraform init),
// plans and applies examples/demo, and prints the webhooks it read. The
// emulator and every temporary file are gone when it exits, whatever
// happens.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"text/tabwriter"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/tfharness"
)

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
	step := func(s string) { fmt.Fprintf(out, "\n==> %s\n", s) }

	// Ctrl-C and SIGTERM go to the running child instead of ending this
	// process, so that the deferred clean-up always runs.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)

	step("Building the provider")
	h, err := tfharness.New(root, terraform)
	if err != nil {
		return err
	}
	defer h.Close()
	go func() {
		for s := range signals {
			h.Signal(s)
		}
	}()

	step("Starting the 8x8 API emulator")
	emu := emulator.New()
	baseURL, stop, err := emu.Listen("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer stop()
	fmt.Fprintf(out, "  serving account %s at %s\n", emulator.DefaultAccountID, baseURL)

	work, err := h.Workspace(filepath.Join(root, example), nil)
	if err != nil {
		return err
	}
	env := h.Env(
		"EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey,
		"EIGHTXEIGHT_BASE_URL="+baseURL,
		"TF_VAR_account_id="+emulator.DefaultAccountID,
	)
	for _, args := range [][]string{{"plan", "-input=false", "-no-color"}, {"apply", "-input=false", "-auto-approve", "-no-color"}} {
		step(terraform + " " + args[0])
		stdout, _, err := h.Run(work, env, args...)
		_, _ = out.Write(stdout)
		if err != nil {
			return err
		}
	}

	stdout, _, err := h.Run(work, env, "output", "-json", "webhooks")
	if err != nil {
		return err
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
	for _, w := range hooks {
		typ := "-"
		if w.Type != nil {
			typ = *w.Type
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%t\t%s\n", typ, w.SubAccountID, w.URL, w.Enabled, w.Auth)
	}
	_ = tw.Flush()
	if len(hooks) == 0 {
		return errors.New("the demo read no webhooks")
	}

	folder, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, `
When this exits, the emulator stops and the temporary files are removed.

To plan your own configurations against the emulator, without an 8x8
account: make emulator (it runs until Ctrl-C and prints the provider block).

To read a real 8x8 account with the same configuration: the provider is not
published yet, so run make build and point a dev_overrides CLI configuration
at %s (the folder that holds the binary; README,
"Running against the real API"). Then, without %[2]s init:

  export TF_CLI_CONFIG_FILE=<that CLI configuration>
  export EIGHTXEIGHT_API_KEY=<API key from the 8x8 Connect portal>
  export EIGHTXEIGHT_REGION=<asia-pacific | europe | north-america | indonesia>
  export TF_VAR_account_id=<your 8x8 account id>
  cd %[3]s && %[2]s plan

For %[2]s init (a backend, a lock file, CI), make install instead puts the
provider where %[2]s init finds it, with no CLI configuration and offline.
`, folder, filepath.Base(terraform), example)
	return nil
}
