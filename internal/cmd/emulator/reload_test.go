package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// lines runs run with file in the background and returns its base URL and
// its output, line by line, as it prints it. At the end of the test, run
// stops and must return nil.
func lines(t *testing.T, file string) (baseURL string, out <-chan string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- run(ctx, "127.0.0.1:0", file, pw); pw.Close() }()
	ch := make(chan string, 1000)
	go func() {
		s := bufio.NewScanner(pr)
		for s.Scan() {
			ch <- s.Text()
		}
		close(ch)
	}()
	t.Cleanup(func() {
		cancel()
		for range ch { // drain, so that run can print its goodbye
		}
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	for l := range ch {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "base_url" {
			return f[1], ch
		}
	}
	t.Fatal("run ended without printing its base_url")
	return "", nil
}

// waitFor reads out until a line holds want and returns the lines before
// it; the deadline only turns a hang into a failure.
func waitFor(t *testing.T, out <-chan string, want string) []string {
	t.Helper()
	var seen []string
	deadline := time.After(10 * time.Second)
	for {
		select {
		case l, ok := <-out:
			if !ok {
				t.Fatalf("the output ended without %q; it printed\n%s", want, strings.Join(seen, "\n"))
			}
			if strings.Contains(l, want) {
				return seen
			}
			seen = append(seen, l)
		case <-deadline:
			t.Fatalf("no %q in the output after 10 s; it printed\n%s", want, strings.Join(seen, "\n"))
		}
	}
}

// rewrite replaces the file's content and sets its modification time to
// mtime: the test decides what changed, not the file system's clock
// granularity.
func rewrite(t *testing.T, path, content string, mtime time.Time) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}

func urls(hooks []map[string]any) string {
	var u []string
	for _, h := range hooks {
		url, _ := h["url"].(string)
		u = append(u, url)
	}
	return strings.Join(u, " ")
}

// Drift in the file shows at the next request, with a line saying what was
// loaded; a broken or missing file keeps the last good accounts and says
// why, once; an unchanged file is not read again.
func TestRun_reloadsTheFileWhenItChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "webhooks.json")
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	const v1 = `{"` + fileAccount + `": [{"type": "MSG", "subAccountId": "*", "url": "https://hooks.example.com/msg"}]}`
	rewrite(t, path, v1, t0)
	baseURL, out := lines(t, path)
	waitFor(t, out, "Edit "+path+" to simulate drift")
	if got := urls(webhooks(t, baseURL, fileAccount)); got != "https://hooks.example.com/msg" {
		t.Fatalf("before any change: %s", got)
	}

	// Drift: a URL changes, a webhook appears, the example account is
	// replaced by an empty one.
	v2 := `{
  "` + fileAccount + `": [
    {"type": "MSG", "subAccountId": "*", "url": "https://drifted.example.com/msg"},
    {"type": "CADR", "subAccountId": "*", "url": "https://hooks.example.com/dr"}
  ],
  "` + emulator.DefaultAccountID + `": []
}`
	rewrite(t, path, v2, t0.Add(time.Second))
	if got := urls(webhooks(t, baseURL, fileAccount)); got != "https://drifted.example.com/msg https://hooks.example.com/dr" {
		t.Errorf("after the change: %s", got)
	}
	waitFor(t, out, "reloaded "+path+", now serving:")
	for _, want := range []string{fileAccount + "  (2 webhooks, from " + path + ")", emulator.DefaultAccountID + "  (0 webhooks, from " + path + ")"} {
		if l := <-out; !strings.Contains(l, want) {
			t.Errorf("the reload printed %q, want a line with %q", l, want)
		}
	}
	if got := webhooks(t, baseURL, emulator.DefaultAccountID); len(got) != 0 {
		t.Errorf("the example account serves %d webhooks, want the file's 0", len(got))
	}

	// An edit that keeps the size (and the file): the time tells.
	rewrite(t, path, strings.Replace(v2, "drifted", "drifter", 1), t0.Add(1500*time.Millisecond))
	if got := urls(webhooks(t, baseURL, fileAccount)); got != "https://drifter.example.com/msg https://hooks.example.com/dr" {
		t.Errorf("after a change of the same size: %s", got)
	}
	waitFor(t, out, "reloaded "+path+", now serving:")

	// A mistake, saved within the same tick of a coarse clock: the last
	// good accounts stay, and the error names the file, the line, the
	// account and the webhook.
	rewrite(t, path, `{
  "`+fileAccount+`": [
    {"type": "MSG", "subAccountId": "*", "url": "https://hooks.example.com/msg"},
    {"type": "CADR", "subAccountId": "*"}
  ]
}`, t0.Add(1500*time.Millisecond)) // the time of the last change: the size tells
	if got := urls(webhooks(t, baseURL, fileAccount)); got != "https://drifter.example.com/msg https://hooks.example.com/dr" {
		t.Errorf("after a broken change: %s, want the last good webhooks", got)
	}
	waitFor(t, out, path+`: line 4: account `+fileAccount+`: webhook 2: "url" is required`)
	if l := <-out; !strings.Contains(l, "still serving the accounts loaded before") {
		t.Errorf("after the error: %q, want it to say the old accounts stay", l)
	}
	webhooks(t, baseURL, fileAccount) // the same broken file: nothing new to say

	// The same content and time again: not a change.
	rewrite(t, path, v1, t0.Add(3*time.Second))
	webhooks(t, baseURL, fileAccount)
	rewrite(t, path, v1, t0.Add(3*time.Second))
	webhooks(t, baseURL, fileAccount)

	// Gone, then back.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if got := urls(webhooks(t, baseURL, fileAccount)); got != "https://hooks.example.com/msg" {
		t.Errorf("with the file gone: %s, want the last good webhooks", got)
	}
	webhooks(t, baseURL, fileAccount)
	rewrite(t, path, v1, t0.Add(4*time.Second))
	if got := webhooks(t, baseURL, emulator.DefaultAccountID); len(got) != 4 {
		t.Errorf("the example account serves %d webhooks once the file no longer replaces it, want 4", len(got))
	}

	// The lines since the error, in order: the v1 reload, the file gone
	// (once), the file back.
	seen := waitFor(t, out, "reloaded "+path+", now serving:")
	seen = append(seen, "reloaded")
	seen = append(seen, waitFor(t, out, "reloaded "+path+", now serving:")...)
	text := strings.Join(seen, "\n")
	if strings.Count(text, `"url" is required`) != 0 {
		t.Errorf("the broken file was reported again:\n%s", text)
	}
	if n := strings.Count(text, "reloaded"); n != 1 {
		t.Errorf("between the error and the file coming back, %d reloads, want the one of v1:\n%s", n, text)
	}
	if n := strings.Count(text, path+": no such file"); n != 1 {
		t.Errorf("the missing file was reported %d times, want once:\n%s", n, text)
	}
}
