package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// watcher serves the emulator with the accounts of the -webhooks file and
// re-reads the file when it changes: at each request, it compares the
// file's identity, modification time and size with those of the last read
// (one stat, no read, when nothing changed). A file that does not load
// leaves the accounts as they were; what happened is printed to out.
type watcher struct {
	emu  *emulator.Emulator
	file string
	out  io.Writer

	mu      sync.Mutex
	read    os.FileInfo // the file as last read; nil after a failed stat
	statErr string      // the last stat error printed, not to repeat it
}

func (w *watcher) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	w.reload()
	w.emu.ServeHTTP(rw, r)
}

// load reads the file, whose stat is info, and serves its accounts, with
// the documented example unless the file has an account with its id. It
// returns the accounts served and where each comes from.
func (w *watcher) load(info os.FileInfo) (accounts []emulator.Account, from []string, err error) {
	w.read = info // also on error: the same broken file is reported once
	if accounts, err = loadFile(w.file); err != nil {
		return nil, nil, err
	}
	accounts, from = withExample(accounts, "from "+w.file)
	w.emu.ReplaceAccounts(accounts)
	return accounts, from, nil
}

// reload loads the file again when it changed since the last read, and
// prints what it loaded or why it could not.
func (w *watcher) reload() {
	w.mu.Lock()
	defer w.mu.Unlock()
	info, err := os.Stat(w.file)
	if err != nil {
		msg := err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			msg = w.file + ": no such file (deleted, or renamed?)"
		}
		if msg != w.statErr {
			w.statErr = msg
			fmt.Fprintf(w.out, "\n%s %s\n  still serving the accounts loaded before; the first request after the file is back reloads it\n", clock(), msg)
		}
		w.read = nil
		return
	}
	w.statErr = ""
	if w.read != nil && os.SameFile(w.read, info) && info.ModTime().Equal(w.read.ModTime()) && info.Size() == w.read.Size() {
		return
	}
	accounts, from, err := w.load(info)
	if err != nil {
		fmt.Fprintf(w.out, "\n%s %v\n  still serving the accounts loaded before; the first request after the file is fixed reloads it\n", clock(), err)
		return
	}
	fmt.Fprintf(w.out, "\n%s reloaded %s, now serving:\n", clock(), w.file)
	printAccounts(w.out, accounts, from, "account_id")
}

// loadFile is emulator.LoadFile, or what a test puts in its place.
var loadFile = emulator.LoadFile

// withExample returns accounts, with the documented example first unless
// accounts has an account with its id, and where each comes from.
func withExample(accounts []emulator.Account, source string) ([]emulator.Account, []string) {
	from := make([]string, len(accounts))
	for i := range accounts {
		from[i] = source
	}
	if !slices.ContainsFunc(accounts, func(a emulator.Account) bool { return emulator.SameAccountID(a.ID, emulator.DefaultAccountID) }) {
		accounts = append([]emulator.Account{{ID: emulator.DefaultAccountID, Webhooks: emulator.DocumentedExample()}}, accounts...)
		from = append([]string{"the documented example"}, from...)
	}
	return accounts, from
}

// printAccounts prints one line per account: its id, its number of
// webhooks and where it comes from; label heads the first line.
func printAccounts(out io.Writer, accounts []emulator.Account, from []string, label string) {
	for i, a := range accounts {
		if i > 0 {
			label = ""
		}
		count := fmt.Sprintf("%d webhooks", len(a.Webhooks))
		if len(a.Webhooks) == 1 {
			count = "1 webhook"
		}
		fmt.Fprintf(out, "  %-10s  %s  (%s, %s)\n", label, a.ID, count, from[i])
	}
}

// clock is the time of day, to tell reloads apart.
func clock() string { return time.Now().Format("15:04:05") }

// syncWriter serializes the writes to w.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
