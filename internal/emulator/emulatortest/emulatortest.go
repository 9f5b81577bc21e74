// Package emulatortest holds the emulator's helpers for tests. They take a
// testing.TB, so they live apart from package emulator, which the emulator
// command links: no binary of this repository carries test code (checked by
// internal/cmd/emulator's TestBinaries_*).
package emulatortest

import (
	"net/http/httptest"
	"testing"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// NewTLSServer is emulator.StartTLS for a test: a new emulator served over
// TLS for hosts, closed when the test ends. It returns the emulator, its
// server and the CA bundle that trusts it.
func NewTLSServer(t testing.TB, hosts ...string) (*emulator.Emulator, *httptest.Server, string) {
	t.Helper()
	e := emulator.New()
	srv, ca, err := e.StartTLS(t.TempDir(), hosts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return e, srv, ca
}

// NewServer serves a new emulator over plain HTTP on loopback for one
// test, closed when the test ends, and returns it with its base URL.
func NewServer(t testing.TB) (*emulator.Emulator, string) {
	t.Helper()
	e := emulator.New()
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return e, srv.URL
}
