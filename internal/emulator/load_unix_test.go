//go:build unix

package emulator

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A FIFO nobody writes to and a device (behind a symbolic link too) are
// refused before they are opened: neither blocks nor grows the emulator.
func TestLoadFile_refusesFIFOsAndDevices(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero.json")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for path, kind := range map[string]string{fifo: "a named pipe", zero: "a device"} {
		// A LoadFile that opened the FIFO would block here, and the test
		// time out.
		_, err := LoadFile(path)
		if want := path + ": " + kind + ", not a regular file: give the path of a JSON file"; err == nil || err.Error() != want {
			t.Errorf("LoadFile(%s): %v, want %q", path, err, want)
		}
	}
}

// A regular file that is a FIFO by the time it is opened is refused, and
// the open does not wait for a writer: a blocking open(2) would hang the
// emulator's start or a reload, where Ctrl-C could not end it.
func TestLoadFile_refusesAFIFOSwappedInAfterTheStat(t *testing.T) {
	path := filepath.Join(t.TempDir(), "webhooks.json")
	if err := os.WriteFile(path, []byte(`{}`), 0o600); err != nil {
		t.Fatal(err)
	}
	// Between the stat and the open, the file becomes a FIFO and a writer
	// comes to open it: a LoadFile that waited in open(2) gets the empty
	// FIFO from it and fails otherwise, instead of hanging the test.
	wrote := make(chan struct{})
	beforeOpen = func(string) {
		if err := os.Remove(path); err != nil {
			t.Error(err)
		}
		if err := syscall.Mkfifo(path, 0o600); err != nil {
			t.Error(err)
		}
		go func() {
			defer close(wrote)
			if f, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
				_ = f.Close()
			}
		}()
	}
	t.Cleanup(func() { beforeOpen = func(string) {} })

	_, err := LoadFile(path)
	// A reader that does not block lets the writer go, should it still
	// wait for one.
	if f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0); err == nil {
		<-wrote
		_ = f.Close()
	}
	if want := path + ": a named pipe, not a regular file: give the path of a JSON file"; err == nil || err.Error() != want {
		t.Errorf("LoadFile: %v, want %q", err, want)
	}
}
