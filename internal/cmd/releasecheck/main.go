// Command releasecheck is the last step of `make release-check`: after
// GoReleaser has written a snapshot release into dist/, it checks the
// SHA256SUMS file against the files, lays this platform's zip out as a
// filesystem mirror (under registry.terraform.io and
// registry.opentofu.org), and runs init and plan with each CLI against the
// in-repo 8x8 API emulator, with that mirror as the only source and no
// network. With -single-target, it prints the GoReleaser configuration for
// a snapshot of this platform alone instead (make release-check
// RELEASE_TARGETS=host). It is not part of the provider binary.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/install"
)

// clis is a repeatable flag.
type clis []string

func (c *clis) String() string { return strings.Join(*c, ",") }
func (c *clis) Set(v string) error {
	if v == "" {
		return fmt.Errorf("empty CLI path")
	}
	*c = append(*c, v)
	return nil
}

func main() {
	dist := flag.String("dist", "dist", "GoReleaser's output `folder`")
	var use clis
	flag.Var(&use, "cli", "Terraform or OpenTofu `binary` to check with (repeatable; default terraform)")
	single := flag.String("single-target", "", "print the GoReleaser configuration `file` narrowed to this platform, and exit")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "releasecheck: unexpected argument %q (flags: -dist, -cli)\n", flag.Arg(0))
		os.Exit(2)
	}
	if *single != "" {
		if err := singleTarget(*single); err != nil {
			fmt.Fprintln(os.Stderr, "releasecheck:", err)
			os.Exit(1)
		}
		return
	}
	if len(use) == 0 {
		use = clis{"terraform"}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := func() error {
		version, err := install.ReadVersion(".")
		if err != nil {
			return err
		}
		return install.CheckRelease(ctx, *dist, "terraform-registry-manifest.json", version, use, os.Stdout)
	}()
	if err != nil {
		fmt.Fprintln(os.Stderr, "releasecheck:", err)
		os.Exit(1)
	}
}

// singleTarget prints the GoReleaser configuration in file, narrowed to
// this platform.
func singleTarget(file string) error {
	config, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	out, err := install.SingleTarget(config, install.HostPlatform())
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	_, err = os.Stdout.Write(out)
	return err
}
