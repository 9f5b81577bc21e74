package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

const fileAccount = "0123456789abcdef0123456789abcdef"

// deadline bounds each wait of these tests: passing runs never come near
// it, it only ends those that would hang.
const deadline = time.Minute

// within is what ch gives, failing the test if it gives nothing within the
// deadline.
func within[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(deadline):
		t.Fatalf("%s: still waiting after %s", what, deadline)
		var zero T
		return zero
	}
}

// seedFile writes a seed file with one account of one webhook.
func seedFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "webhooks.json")
	seed := `{"` + fileAccount + `": [{"type": "MSG", "subAccountId": "*", "url": "https://hooks.example.com/msg", "enabled": true}]}`
	if err := os.WriteFile(path, []byte(seed), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// readBanner reads what the emulator prints until its base_url line and
// returns the base URL and the text so far; the rest of out is drained in
// the background into rest.
func readBanner(t *testing.T, out io.Reader) (baseURL, banner string, rest <-chan string) {
	t.Helper()
	lines := bufio.NewScanner(out)
	var text strings.Builder
	for lines.Scan() {
		text.WriteString(lines.Text() + "\n")
		if f := strings.Fields(lines.Text()); len(f) == 2 && f[0] == "base_url" {
			baseURL = f[1]
			break
		}
	}
	if baseURL == "" {
		t.Fatalf("no base_url line in\n%s", text.String())
	}
	more := make(chan string, 1)
	go func() {
		var tail strings.Builder
		for lines.Scan() {
			tail.WriteString(lines.Text() + "\n")
		}
		more <- tail.String()
	}()
	return baseURL, text.String(), more
}

// webhooks GETs an account's webhooks from the emulator with the printed key.
func webhooks(t *testing.T, baseURL, account string) []map[string]any {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, baseURL+"/api/v1/accounts/"+account+"/webhooks", nil)
	req.Header.Set("Authorization", "Bearer "+emulator.DefaultAPIKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var hooks []map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&hooks); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET account %s: status %d, %v", account, resp.StatusCode, err)
	}
	return hooks
}

// run serves until its context ends, after printing a base_url that serves
// both the documented example and the seed file's account, the key and a
// provider block.
func TestRun_servesUntilStopped(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, "127.0.0.1:0", seedFile(t), pw)
		pw.Close()
	}()
	baseURL, _, rest := readBanner(t, pr)

	if got := webhooks(t, baseURL, emulator.DefaultAccountID); len(got) != 4 {
		t.Errorf("the documented example account has %d webhooks, want 4", len(got))
	}
	if got := webhooks(t, baseURL, fileAccount); len(got) != 1 || got[0]["url"] != "https://hooks.example.com/msg" {
		t.Errorf("the seed file's account serves %v", got)
	}

	cancel()
	if err := within(t, done, "run to return after its context ended"); err != nil {
		t.Fatal(err)
	}
	tail := within(t, rest, "the end of the output")
	for _, want := range []string{
		"api_key     " + emulator.DefaultAPIKey,
		"account_id  " + emulator.DefaultAccountID + "  (4 webhooks, the documented example)",
		fileAccount + "  (1 webhook, from ",
		`base_url = "` + baseURL + `"`,
		"export EIGHTXEIGHT_BASE_URL=" + baseURL,
		"Stopping the emulator.",
	} {
		if !strings.Contains(tail, want) {
			t.Errorf("the output lacks %q:\n%s", want, tail)
		}
	}
	if _, err := net.DialTimeout("tcp", strings.TrimPrefix(baseURL, "http://"), time.Second); err == nil {
		t.Error("the emulator still accepts connections after it stopped")
	}
}

// A seed file's account with the example's id replaces the example.
func TestRun_fileReplacesTheExample(t *testing.T) {
	path := filepath.Join(t.TempDir(), "webhooks.json")
	if err := os.WriteFile(path, []byte(`{"`+strings.ToUpper(emulator.DefaultAccountID)+`": []}`), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- run(ctx, "127.0.0.1:0", path, pw); pw.Close() }()
	baseURL, banner, rest := readBanner(t, pr)
	if got := webhooks(t, baseURL, emulator.DefaultAccountID); len(got) != 0 {
		t.Errorf("the example account serves %d webhooks, want the file's 0", len(got))
	}
	cancel()
	if err := within(t, done, "run to return after its context ended"); err != nil {
		t.Fatal(err)
	}
	if text := banner + within(t, rest, "the end of the output"); strings.Contains(text, "documented example") {
		t.Errorf("the output still offers the documented example:\n%s", text)
	}
}

// Bad input stops run before it serves, with an error that says what to do.
func TestRun_badInput(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"`+fileAccount+`": [{"url": "https://x"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	busyWant := "address already in use"
	if runtime.GOOS != "windows" {
		busyWant = "pass -addr 127.0.0.1:0 for any free port"
	}
	for name, tc := range map[string]struct{ addr, file, want string }{
		"busy port":       {busy.Addr().String(), "", busyWant},
		"bad seed file":   {"127.0.0.1:0", bad, bad + `: line 1: account ` + fileAccount + `: webhook 1: "subAccountId" is required`},
		"missing file":    {"127.0.0.1:0", bad + ".missing", bad + ".missing"},
		"every interface": {":0", "", "the host must be a loopback address"},
		"other host":      {"192.0.2.1:80", "", "the host must be a loopback address"},
		"no port":         {"127.0.0.1", "", "want host:port"},
	} {
		t.Run(name, func(t *testing.T) {
			var out strings.Builder
			err := run(context.Background(), tc.addr, tc.file, &out)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one holding %q", err, tc.want)
			}
			if out.Len() > 0 {
				t.Errorf("printed before failing:\n%s", out.String())
			}
		})
	}
}

// blockLoads makes every read of the seed file wait, as on a file system
// that does not answer, until the test ends; entered receives once per
// read that started.
func blockLoads(t *testing.T) (entered <-chan struct{}) {
	t.Helper()
	in, release := make(chan struct{}, 10), make(chan struct{})
	loadFile = func(path string) ([]emulator.Account, error) {
		in <- struct{}{}
		<-release
		return emulator.LoadFile(path)
	}
	t.Cleanup(func() { close(release); loadFile = emulator.LoadFile })
	return in
}

// Ctrl-C while the seed file is read at the start stops run at once, with
// an error that says so: the read does not keep it running.
func TestRun_stopsWhileLoading(t *testing.T) {
	entered := blockLoads(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out strings.Builder
	file := seedFile(t)
	done := make(chan error, 1)
	go func() { done <- run(ctx, "127.0.0.1:0", file, &out) }()
	within(t, entered, "the seed file's read to start")
	cancel()
	if err := within(t, done, "run to return after its context ended"); err == nil || err.Error() != "stopped while reading "+file {
		t.Errorf("run: %v, want it stopped while reading %s", err, file)
	}
	if out.Len() > 0 {
		t.Errorf("printed:\n%s", out.String())
	}
}

// Ctrl-C while a request waits for a reload of the seed file stops run
// too.
func TestRun_stopsWhileReloading(t *testing.T) {
	path := seedFile(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- run(ctx, "127.0.0.1:0", path, pw); pw.Close() }()
	baseURL, _, rest := readBanner(t, pr)

	entered := blockLoads(t)
	rewrite(t, path, `{}`, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	answered := make(chan struct{})
	go func() {
		defer close(answered)
		if resp, err := http.Get(baseURL + "/api/v1/accounts/" + fileAccount + "/webhooks"); err == nil {
			_ = resp.Body.Close()
		}
	}()
	within(t, entered, "the request's reload to start")
	cancel()
	if err := within(t, done, "run to return after its context ended"); err != nil {
		t.Fatal(err)
	}
	within(t, rest, "the end of the output")
	within(t, answered, "the request to end with the server")
}

// The emulator answers only requests addressed to it: a web page that
// points its own name at this machine gets 421, with the Host expected.
func TestRun_refusesOtherHosts(t *testing.T) {
	baseURL, _ := lines(t, seedFile(t))
	addr := strings.TrimPrefix(baseURL, "http://")
	_, port, _ := net.SplitHostPort(addr)
	for host, want := range map[string]int{"rebind.example:" + port: 421, addr: 200, "localhost:" + port: 200} {
		req, _ := http.NewRequest(http.MethodGet, baseURL+"/api/v1/accounts/"+emulator.DefaultAccountID+"/webhooks", nil)
		req.Host = host
		req.Header.Set("Authorization", "Bearer "+emulator.DefaultAPIKey)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode != want || (want == 421 && !strings.Contains(string(body), "expected Host "+addr+", localhost:"+port+" or [::1]:"+port)) {
			t.Errorf("Host %q: status %d, %s; want %d", host, resp.StatusCode, body, want)
		}
	}
}
