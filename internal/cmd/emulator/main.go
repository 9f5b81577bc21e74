// Command emulator is `make emulator`: it serves the in-repo 8x8 API
// emulator on a loopback port until Ctrl-C, seeded with the documented
// example account and, with -webhooks, the accounts of a JSON file, and
// prints the base_url, the API key and a provider block to try your own
// Terraform configurations without an 8x8 account. It is not part of the
// provider binary.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"slices"
	"syscall"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// DefaultAddr is where the emulator listens unless -addr says otherwise: a
// fixed port, so that a configuration or an exported EIGHTXEIGHT_BASE_URL
// keeps working from one run to the next.
const DefaultAddr = "127.0.0.1:18088"

func main() {
	addr := flag.String("addr", DefaultAddr, "loopback `host:port` to listen on (port 0: any free port)")
	file := flag.String("webhooks", "", "JSON `file` of more accounts and their webhooks, in the API's shape:\n"+
		`{"<account id>": [{"type": "MSG", "subAccountId": "*", "url": "https://…", "enabled": true}, …], …}`)
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "Usage: go run ./internal/cmd/emulator [-addr host:port] [-webhooks file.json]\n\n"+
			"Serves the 8x8 Chat Apps webhooks API emulator until Ctrl-C.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "emulator: unexpected argument %q (flags: -addr, -webhooks)\n", flag.Arg(0))
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *addr, *file, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "emulator:", err)
		os.Exit(1)
	}
}

// run serves the emulator on addr until ctx is done, printing how to use it
// to out.
func run(ctx context.Context, addr, file string, out io.Writer) error {
	if err := checkLoopback(addr); err != nil {
		return err
	}
	var accounts []emulator.Account
	if file != "" {
		var err error
		if accounts, err = emulator.LoadFile(file); err != nil {
			return err
		}
	}
	from := make([]string, len(accounts))
	for i := range accounts {
		from[i] = "from " + file
	}
	if !slices.ContainsFunc(accounts, func(a emulator.Account) bool { return emulator.SameAccountID(a.ID, emulator.DefaultAccountID) }) {
		accounts = append([]emulator.Account{{ID: emulator.DefaultAccountID, Webhooks: emulator.DocumentedExample()}}, accounts...)
		from = append([]string{"the documented example"}, from...)
	}
	emu := emulator.New()
	for _, a := range accounts {
		emu.SetWebhooks(a.ID, a.Webhooks)
	}
	baseURL, stopServer, err := emu.Listen(addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("%w\nanother program (another emulator?) holds that port: stop it, or pass -addr 127.0.0.1:0 for any free port (make emulator EMULATOR_ADDR=127.0.0.1:0)", err)
		}
		return err
	}
	defer stopServer()

	fmt.Fprintf(out, "8x8 API emulator serving at %s\n\n", baseURL)
	fmt.Fprintf(out, "  base_url    %s\n", baseURL)
	fmt.Fprintf(out, "  api_key     %s\n", emulator.DefaultAPIKey)
	for i, a := range accounts {
		label := "account_id"
		if i > 0 {
			label = ""
		}
		count := fmt.Sprintf("%d webhooks", len(a.Webhooks))
		if len(a.Webhooks) == 1 {
			count = "1 webhook"
		}
		fmt.Fprintf(out, "  %-10s  %s  (%s, %s)\n", label, a.ID, count, from[i])
	}
	fmt.Fprintf(out, `
A provider block for it:

  provider "eightxeight" {
    base_url = %q
    api_key  = %q
  }

or leave the block empty and export:

  export EIGHTXEIGHT_BASE_URL=%s
  export EIGHTXEIGHT_API_KEY=%s

and read an account:

  data "eightxeight_webhooks" "all" {
    account_id = %q
  }

Terraform finds the provider through dev_overrides (see the README,
"Running against the real API"). Ctrl-C stops the emulator.
`, baseURL, emulator.DefaultAPIKey, baseURL, emulator.DefaultAPIKey, accounts[0].ID)

	<-ctx.Done()
	fmt.Fprintln(out, "\nStopping the emulator.")
	return nil
}

// checkLoopback refuses an address that is not this machine's loopback: the
// provider sends its API key over http:// to loopback hosts only, and an
// emulator on every interface would serve anyone on the network.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %w (want host:port, e.g. %s)", addr, err, DefaultAddr)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-addr %q: the host must be a loopback address (127.0.0.1, ::1 or localhost): the provider sends its API key over http:// to loopback hosts only", addr)
	}
	return nil
}
