//go:build unix

package client

import (
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// A FIFO or a device is refused before it is read (unix only: Windows has
// neither at a path).
func TestTLS_caBundleNotARegularFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.pem")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		fifo:        "unusable CA bundle: " + strconv.Quote(fifo) + " is a named pipe, not a regular file",
		"/dev/null": `unusable CA bundle: "/dev/null" is a device, not a regular file`,
	} {
		if err := newWithCA(t, file); err == nil || err.Error() != want {
			t.Errorf("got  %v\nwant %s", err, want)
		}
	}
}
