// Command emulator is `make emulator`: it serves the in-repo 8x8 API
// emulator on a loopback port until Ctrl-C, seeded with the documented
// example account and, with -webhooks, the accounts of a JSON file (re-read
// when it changes, at the next request), and prints the base_url, the API
// key and a provider block to try your own Terraform configurations without
// an 8x8 account. It is not part of the provider binary.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// DefaultAddr is where the emulator listens unless -addr says otherwise: a
// fixed port, so that a configuration or an exported EIGHTXEIGHT_BASE_URL
// keeps working from one run to the next.
const DefaultAddr = "127.0.0.1:18088"

func main() {
	addr := flag.String("addr", DefaultAddr, "loopback `host:port` to listen on (port 0: any free port)")
	file := flag.String("webhooks", "", "JSON `file` of more accounts and their webhooks, in the API's shape, re-read when it changes:\n"+
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
	out = &syncWriter{w: out} // the watcher prints while requests are served
	emu := emulator.New()
	var handler http.Handler = emu
	accounts, from := withExample(nil, "")
	if file != "" {
		w := &watcher{emu: emu, file: file, out: out}
		// Read in the background: a file system that does not answer
		// (a hung network mount) must not keep Ctrl-C from stopping us.
		type loaded struct {
			accounts []emulator.Account
			from     []string
			err      error
		}
		ch := make(chan loaded, 1)
		go func() {
			var l loaded
			var info os.FileInfo
			if info, l.err = os.Stat(file); l.err == nil {
				l.accounts, l.from, l.err = w.load(info)
			}
			ch <- l
		}()
		select {
		case l := <-ch:
			if l.err != nil {
				return l.err
			}
			accounts, from = l.accounts, l.from
		case <-ctx.Done():
			return fmt.Errorf("stopped while reading %s", file)
		}
		handler = w
	}
	baseURL, stopServer, err := emulator.Serve(addr, handler)
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
	printAccounts(out, accounts, from, "account_id")
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

Terraform finds the provider through make install or dev_overrides (see
the README, "Running against the real API"). Ctrl-C stops the emulator.
`, baseURL, emulator.DefaultAPIKey, baseURL, emulator.DefaultAPIKey, accounts[0].ID)
	if file != "" {
		fmt.Fprintf(out, `
Edit %s to simulate drift: at the next request the emulator
re-reads it when it has changed and prints what it loaded. A file with a
mistake is reported here and changes nothing: the last good accounts stay.
`, file)
	}

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
