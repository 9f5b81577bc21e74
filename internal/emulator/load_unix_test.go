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
