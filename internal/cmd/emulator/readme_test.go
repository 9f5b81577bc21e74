package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// readmeSection returns the README's section for the emulator.
func readmeSection(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## Try your own configurations without an 8x8 account\n")
	if !ok {
		t.Fatal("README.md has no section for the emulator")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	return section
}

// The README's seed file example loads: one account, four webhooks.
func TestReadme_seedFileExampleLoads(t *testing.T) {
	m := regexp.MustCompile("(?s)```json\n(.*?)```").FindStringSubmatch(readmeSection(t))
	if m == nil {
		t.Fatal("no JSON example in the README's emulator section")
	}
	path := filepath.Join(t.TempDir(), "my-webhooks.json")
	if err := os.WriteFile(path, []byte(m[1]), 0o600); err != nil {
		t.Fatal(err)
	}
	accounts, err := emulator.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(accounts) != 1 || len(accounts[0].Webhooks) != 4 {
		t.Errorf("the README's example holds %+v, want one account of four webhooks", accounts)
	}
}

// The output the README shows is what the emulator prints.
func TestReadme_outputIsWhatItPrints(t *testing.T) {
	m := regexp.MustCompile("(?s)```text\n(8x8 API emulator.*?)…\n```").FindStringSubmatch(readmeSection(t))
	if m == nil {
		t.Fatal("no emulator output in the README's emulator section")
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- run(ctx, "127.0.0.1:0", "", pw); pw.Close() }()
	baseURL, banner, rest := readBanner(t, pr)
	cancel()
	if err := within(t, done, "run to return after its context ended"); err != nil {
		t.Fatal(err)
	}
	printed := banner + within(t, rest, "the end of the output")
	want := strings.ReplaceAll(m[1], "http://"+DefaultAddr, baseURL)
	if !strings.HasPrefix(printed, want) {
		t.Errorf("the README shows\n%s\nthe emulator prints\n%s", want, printed)
	}
}

// The reload the README shows is what the emulator prints.
func TestReadme_reloadIsWhatItPrints(t *testing.T) {
	m := regexp.MustCompile("(?s)```text\n([0-9:]{8}) (reloaded .*?)```").FindStringSubmatch(readmeSection(t))
	if m == nil {
		t.Fatal("no reload in the README's emulator section")
	}
	t.Chdir(t.TempDir())
	hooks := `[{"type": "MSG", "subAccountId": "*", "url": "https://a.example"}, {"type": "CADR", "subAccountId": "*", "url": "https://b.example"}, {"type": "CABM", "subAccountId": "*", "url": "https://c.example"}]`
	if err := os.WriteFile("my-webhooks.json", []byte(`{"0123456789abcdef0123456789abcdef": `+hooks+`}`), 0o600); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	w := &watcher{emu: emulator.New(), file: "my-webhooks.json", out: &out}
	w.reload()
	printed := regexp.MustCompile(`^\n[0-9]{2}:[0-9]{2}:[0-9]{2} `).ReplaceAllString(out.String(), "")
	if printed != m[2] {
		t.Errorf("the README shows\n%s\nthe emulator prints\n%s", m[2], printed)
	}
}
