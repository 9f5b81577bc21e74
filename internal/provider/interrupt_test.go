package provider

import (
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// Ctrl-C during a read that would wait minutes (a hanging server, a long
// request_timeout) stops the plan at once: Terraform asks the provider to
// stop, and the request's context is canceled. Nothing else can end this
// plan before request_timeout's 10 minutes: a plan that has not stopped a
// minute after Ctrl-C is killed, and the test fails.
func TestInterrupt_stopsAHangingRead(t *testing.T) {
	const stopDeadline = time.Minute
	emu, url, h := realCLI(t)
	emu.Script(emulator.Response{Hang: true})
	config := requiredProviders + fmt.Sprintf("provider \"eightxeight\" {\n  api_key = %q\n  base_url = %q\n  request_timeout = \"10m\"\n  max_retries = 0\n}\n",
		emulator.DefaultAPIKey, url) + webhooksConfig(emulator.DefaultAccountID)
	work, err := h.Workspace("", map[string]string{"main.tf": config})
	if err != nil {
		t.Fatal(err)
	}
	planEnded := make(chan struct{})
	interrupted := make(chan time.Time, 1)
	var killed atomic.Bool
	go func() {
		for emu.RequestCount() == 0 { // until the provider waits on the server
			select {
			case <-planEnded:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
		interrupted <- time.Now()
		h.Signal(os.Interrupt)
		select {
		case <-planEnded:
		case <-time.After(stopDeadline):
			killed.Store(true)
			h.Signal(os.Kill)
		}
	}()
	_, stderr, err := h.Run(work, h.Env(), "plan", "-input=false", "-no-color")
	close(planEnded)
	if killed.Load() {
		t.Fatalf("the plan had not stopped %s after Ctrl-C:\n%s", stopDeadline, stderr)
	}
	if err == nil {
		t.Fatalf("the plan succeeded against a hanging server:\n%s", stderr)
	}
	var at time.Time
	select {
	case at = <-interrupted:
	default:
		t.Fatalf("the plan ended before it was interrupted: %v\n%s", err, stderr)
	}
	if !strings.Contains(string(stderr), "canceled") {
		t.Errorf("no cancellation in the output:\n%s", stderr)
	}
	t.Logf("stopped %s after the interrupt:\n%s", time.Since(at).Round(time.Millisecond), stderr)
}
