package provider

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// Ctrl-C during a read that would wait minutes (a hanging server, a long
// request_timeout) stops the plan at once: Terraform asks the provider to
// stop, and the request's context is canceled.
func TestInterrupt_stopsAHangingRead(t *testing.T) {
	emu, url, h := realCLI(t)
	emu.Script(emulator.Response{Hang: true})
	config := requiredProviders + fmt.Sprintf("provider \"eightxeight\" {\n  api_key = %q\n  base_url = %q\n  request_timeout = \"5m\"\n}\n",
		emulator.DefaultAPIKey, url) + webhooksConfig(emulator.DefaultAccountID)
	work, err := h.Workspace("", map[string]string{"main.tf": config})
	if err != nil {
		t.Fatal(err)
	}
	sent := make(chan time.Time, 1)
	go func() {
		for emu.RequestCount() == 0 { // the provider is waiting on the server
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(200 * time.Millisecond)
		sent <- time.Now()
		h.Signal(os.Interrupt)
	}()
	_, stderr, err := h.Run(work, h.Env(), "plan", "-input=false", "-no-color")
	if err == nil {
		t.Fatalf("the plan succeeded against a hanging server:\n%s", stderr)
	}
	var took time.Duration
	select {
	case at := <-sent:
		took = time.Since(at)
	default:
		t.Fatalf("the plan ended before it was interrupted: %v\n%s", err, stderr)
	}
	if took > 10*time.Second {
		t.Errorf("the plan took %s to stop after Ctrl-C", took)
	}
	if !strings.Contains(string(stderr), "canceled") {
		t.Errorf("no cancellation in the output:\n%s", stderr)
	}
	t.Logf("stopped %s after the interrupt:\n%s", took.Round(time.Millisecond), stderr)
}
