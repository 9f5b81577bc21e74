//go:build unix

// Sending Ctrl-C (SIGINT) to another process is Unix-only, so this test is.

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// The command as a user runs it: it prints a base_url that serves the
// example and the seed file, and Ctrl-C stops it cleanly (exit status 0).
func TestCommand_ctrlCStopsIt(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "emulator")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-webhooks", seedFile(t))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill() }()
	baseURL, _, rest := readBanner(t, stdout)

	if got := webhooks(t, baseURL, emulator.DefaultAccountID); len(got) != 4 {
		t.Errorf("the documented example account has %d webhooks, want 4", len(got))
	}
	if got := webhooks(t, baseURL, fileAccount); len(got) != 1 {
		t.Errorf("the seed file's account has %d webhooks, want 1", len(got))
	}

	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	tail := within(t, rest, "the command to exit after Ctrl-C") // stdout closes when it exits
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	if err := within(t, exited, "the command to exit after Ctrl-C"); err != nil {
		t.Fatalf("after Ctrl-C: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(tail, "Stopping the emulator.") {
		t.Errorf("no goodbye after Ctrl-C:\n%s", tail)
	}
}
