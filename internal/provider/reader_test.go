package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// gatedServer answers every request with one webhook once release is
// closed; it counts the requests, and those whose client went away.
type gatedServer struct {
	release        chan struct{}
	requests, gone atomic.Int32
	url            string
}

func newGatedServer(t *testing.T, open bool) *gatedServer {
	t.Helper()
	g := &gatedServer{release: make(chan struct{})}
	if open {
		close(g.release)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.requests.Add(1)
		select {
		case <-g.release:
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`[{"type":"MSG","subAccountId":"*","url":"https://a.example"}]`))
		case <-r.Context().Done():
			g.gone.Add(1)
		}
	}))
	t.Cleanup(srv.Close)
	g.url = srv.URL
	return g
}

func (g *gatedServer) reader(t *testing.T) *reader {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: g.url, APIKey: emulator.DefaultAPIKey, MaxRetries: 0})
	if err != nil {
		t.Fatal(err)
	}
	return newReader(c)
}

type result struct {
	hooks []client.Webhook
	err   error
}

func read(r *reader, ctx context.Context) <-chan result {
	out := make(chan result, 1)
	go func() {
		hooks, err := r.webhooks(ctx, emulator.DefaultAccountID)
		out <- result{hooks, err}
	}()
	return out
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func within(t *testing.T, ch <-chan result, what string) result {
	t.Helper()
	select {
	case res := <-ch:
		return res
	case <-time.After(3 * time.Second):
		t.Fatalf("%s did not return", what)
		return result{}
	}
}

// Data sources sharing a read do not share its cancellation: when the one
// that started the request is canceled, the others still get the answer
// from the same request.
func TestReader_firstCallerCanceled(t *testing.T) {
	g := newGatedServer(t, false)
	r := g.reader(t)
	first, cancel := context.WithCancel(context.Background())
	a := read(r, first)
	waitFor(t, "the request", func() bool { return g.requests.Load() == 1 })
	b := read(r, context.Background())
	time.Sleep(20 * time.Millisecond) // b is waiting on the shared request
	cancel()
	if res := within(t, a, "the canceled caller"); !errors.Is(res.err, context.Canceled) {
		t.Errorf("the canceled caller got %v, %v", res.hooks, res.err)
	}
	close(g.release)
	if res := within(t, b, "the other caller"); res.err != nil || len(res.hooks) != 1 {
		t.Errorf("the other caller got %v, %v", res.hooks, res.err)
	}
	if n := g.requests.Load(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// A waiter whose own context ends returns at once, while the shared request
// goes on for the others.
func TestReader_waiterLeavesOnItsOwn(t *testing.T) {
	g := newGatedServer(t, false)
	defer close(g.release)
	r := g.reader(t)
	a := read(r, context.Background())
	waitFor(t, "the request", func() bool { return g.requests.Load() == 1 })
	second, cancel := context.WithCancel(context.Background())
	b := read(r, second)
	time.Sleep(20 * time.Millisecond)
	cancel()
	res := within(t, b, "the waiter whose context ended")
	if !errors.Is(res.err, context.Canceled) {
		t.Errorf("got %v, %v", res.hooks, res.err)
	}
	var diags diag.Diagnostics
	addReadError(&diags, emulator.DefaultAccountID, res.err)
	if want := "8x8 API read canceled: account " + emulator.DefaultAccountID + ": The read was canceled (for example by Ctrl-C) before the API answered."; len(diags) != 1 ||
		diags[0].Summary()+": "+diags[0].Detail() != want {
		t.Errorf("diagnostics %v, want %s", diags, want)
	}
	if g.gone.Load() != 0 {
		t.Error("the shared request was canceled while a caller still waits")
	}
	select {
	case res := <-a:
		t.Errorf("the first caller returned early: %v, %v", res.hooks, res.err)
	default:
	}
}

// When the last waiter leaves, the shared request is canceled.
func TestReader_lastWaiterCancelsTheRequest(t *testing.T) {
	g := newGatedServer(t, false)
	defer close(g.release)
	r := g.reader(t)
	ctxA, cancelA := context.WithCancel(context.Background())
	ctxB, cancelB := context.WithCancel(context.Background())
	a, b := read(r, ctxA), read(r, ctxB)
	waitFor(t, "the request", func() bool { return g.requests.Load() == 1 })
	cancelA()
	within(t, a, "the first caller")
	cancelB()
	within(t, b, "the second caller")
	waitFor(t, "the server to see the request canceled", func() bool { return g.gone.Load() == 1 })
}

// One request per account per command holds under stress: many readers
// arriving while the shared request starts and ends never make a second.
// Run it under -race (make test does).
func TestReader_oneRequestUnderStress(t *testing.T) {
	g := newGatedServer(t, true)
	c, err := client.New(client.Config{BaseURL: g.url, APIKey: emulator.DefaultAPIKey, MaxRetries: 0})
	if err != nil {
		t.Fatal(err)
	}
	const rounds, readers = 2000, 24
	spread := 2 * typicalRead(t, c) // readers arrive before, during and after the shared request
	for round := range rounds {
		r := newReader(c)
		before := g.requests.Load()
		start := time.Now()
		var wg sync.WaitGroup
		for i := range readers {
			wg.Go(func() {
				for at := spread * time.Duration(i) / readers; time.Since(start) < at; {
					runtime.Gosched()
				}
				if hooks, err := r.webhooks(context.Background(), emulator.DefaultAccountID); err != nil || len(hooks) != 1 {
					t.Errorf("round %d: %v, %v", round, hooks, err)
				}
			})
		}
		wg.Wait()
		if n := g.requests.Load() - before; n != 1 {
			t.Fatalf("round %d: %d requests for one account in one command", round, n)
		}
	}
}

// typicalRead is how long one read of an account takes here.
func typicalRead(t *testing.T, c *client.Client) time.Duration {
	t.Helper()
	start := time.Now()
	for range 20 {
		if _, err := c.ListWebhooks(context.Background(), emulator.DefaultAccountID); err != nil {
			t.Fatal(err)
		}
	}
	return time.Since(start) / 20
}

// One Terraform command reads each account once, however many data sources
// read it: 20 data sources on one account make 1 request, and a second
// account makes a second. Run with a real build through one terraform plan.
func TestRequestSharing_oneRequestPerAccountPerCommand(t *testing.T) {
	const other = "0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d"
	emu, url, h := realCLI(t)
	emu.SetWebhooks(other, emulator.Generate(30))

	var b strings.Builder
	b.WriteString(requiredProviders + "provider \"eightxeight\" {}\n")
	for i := range 20 { // every kind of read of one account, dashed and undashed ids
		id := emulator.DefaultAccountID
		if i%2 == 1 {
			id = strings.ReplaceAll(id, "-", "")
		}
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "data \"eightxeight_webhooks\" \"d%d\" {\n  account_id = %q\n}\n", i, id)
		case 1:
			fmt.Fprintf(&b, "data \"eightxeight_webhooks\" \"d%d\" {\n  account_id = %q\n  type = \"MSG\"\n}\n", i, id)
		case 2:
			fmt.Fprintf(&b, "data \"eightxeight_webhook\" \"d%d\" {\n  account_id = %q\n  type = \"MSG\"\n  sub_account_id = \"*\"\n}\n", i, id)
		case 3:
			fmt.Fprintf(&b, "data \"eightxeight_webhooks\" \"d%d\" {\n  account_id = %q\n  enabled = false\n}\n", i, id)
		}
	}
	oneAccount := b.String()
	twoAccounts := oneAccount + fmt.Sprintf("data \"eightxeight_webhooks\" \"other\" {\n  account_id = %q\n}\n", other) +
		fmt.Sprintf("data \"eightxeight_webhook\" \"other\" {\n  account_id = %q\n  type = \"CADR\"\n  sub_account_id = \"sub-00001\"\n}\n", other)
	env := h.Env("EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey, "EIGHTXEIGHT_BASE_URL="+url)

	for _, tc := range []struct {
		name   string
		config string
		want   int
	}{{"one account", oneAccount, 1}, {"two accounts", twoAccounts, 2}} {
		work, err := h.Workspace("", map[string]string{"main.tf": tc.config})
		if err != nil {
			t.Fatal(err)
		}
		emu.ResetRequests()
		if _, _, err := h.Run(work, env, "plan", "-input=false", "-no-color"); err != nil {
			t.Fatal(err)
		}
		if n := emu.RequestCount(); n != tc.want {
			t.Errorf("%s: one terraform plan made %d requests, want %d", tc.name, n, tc.want)
		}
	}
}

// Concurrent reads share one request; a failed read is not kept, so the
// next read asks the API again.
func TestReader_coalescesAndDoesNotKeepErrors(t *testing.T) {
	emu := emulator.New()
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{BaseURL: srv.URL, APIKey: emulator.DefaultAPIKey, MaxRetries: 0})
	if err != nil {
		t.Fatal(err)
	}
	r := newReader(c)
	emu.Script(emulator.ErrorResponse(500, emulator.CodeInternal, "boom"))
	if _, err := r.webhooks(context.Background(), emulator.DefaultAccountID); err == nil {
		t.Fatal("want the scripted 500")
	}
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			if hooks, err := r.webhooks(context.Background(), emulator.DefaultAccountID); err != nil || len(hooks) != 4 {
				t.Errorf("%v %v", hooks, err)
			}
		})
	}
	wg.Wait()
	if n := emu.RequestCount(); n != 2 {
		t.Errorf("%d requests; want the failed one and one shared by 16 readers", n)
	}
}
