package client

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client/baseurltest"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

func TestTLS_badCABundle(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "x.pem")
	_ = os.WriteFile(notPEM, []byte("not a certificate"), 0o600)
	for file, want := range map[string]string{
		filepath.Join(dir, "missing.pem"): "missing.pem\" names no file",
		notPEM:                            "holds no PEM certificate",
	} {
		_, err := New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: "k", CACertFile: file})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", file, err)
		}
	}
}

// caPEM is a CA certificate, PEM-encoded, for bundles in tests.
func caPEM(t *testing.T) []byte {
	t.Helper()
	certs, err := emulator.NewCertificates("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	return certs.CAPEM
}

// Only a regular file of at most 1 MiB is read; a private key or a block
// that is not a valid certificate is reported, not skipped.
func TestTLS_caBundleBounds(t *testing.T) {
	dir := t.TempDir()
	ca := caPEM(t)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	keyDER, _ := x509.MarshalECPrivateKey(key)
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})
	badCert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte("not DER")})
	bigData := append(append([]byte{}, ca...), bytes.Repeat([]byte("# padding\n"), 1<<20/10+1)...)
	big := write("big.pem", bigData)
	for file, want := range map[string]string{
		dir: fmt.Sprintf("unusable CA bundle: %q is a directory, not a regular file", dir),
		big: fmt.Sprintf("unusable CA bundle: %q has %d bytes; a CA bundle may have 1 MiB at most", big, len(bigData)),
		write("key.pem", append(append([]byte("# ours\n"), ca...), keyPEM...)): "unusable CA bundle: " + strconv.Quote(dir+"/key.pem") + ": " +
			"the PEM block on line 13 is a private key (EC PRIVATE KEY); a CA bundle holds certificates only: remove the key, and keep it secret",
		write("bad.pem", append(append([]byte{}, ca...), badCert...)): "unusable CA bundle: " + strconv.Quote(dir+"/bad.pem") + ": " +
			"the PEM block on line 12 is not a valid certificate: x509: malformed certificate",
		write("crl.pem", append(append([]byte{}, ca...), pem.EncodeToMemory(&pem.Block{Type: "X509 CRL", Bytes: []byte{1}})...)): "unusable CA bundle: " +
			strconv.Quote(dir+"/crl.pem") + ": the PEM block on line 12 is of type X509 CRL; a CA bundle holds CERTIFICATE blocks only",
	} {
		if err := newWithCA(t, file); err == nil || err.Error() != want {
			t.Errorf("%s:\ngot  %v\nwant %s", filepath.Base(file), err, want)
		}
	}
	if err := newWithCA(t, write("ok.pem", append([]byte("# a comment\n"), ca...))); err != nil {
		t.Errorf("a bundle with a comment: %v", err)
	}
}

// A certificate block that does not decode is an error naming its line,
// not skipped.
func TestTLS_brokenPEMBlockNamesItsLine(t *testing.T) {
	certs, err := emulator.NewCertificates("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(certs.CAPEM)), "\n")
	n := len(lines)
	broken := strings.Join([]string{lines[0], lines[1], "!!!!not base64!!!!", lines[n-1]}, "\n") + "\n"
	noEnd := strings.Join(lines[:n-1], "\n") + "\n"
	key := "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIC0c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0f\n-----END PRIVATE KEY-----\n"
	for name, tc := range map[string]struct{ bundle, want string }{
		"bad base64":    {string(certs.CAPEM) + broken, fmt.Sprintf("the PEM block on line %d (CERTIFICATE) cannot be decoded", n+1)},
		"no END line":   {string(certs.CAPEM) + noEnd, fmt.Sprintf("the PEM block on line %d (CERTIFICATE) has no matching END line", n+1)},
		"key, line n+3": {string(certs.CAPEM) + "\n\n" + key, fmt.Sprintf("the PEM block on line %d is a private key", n+3)},
	} {
		f := filepath.Join(t.TempDir(), "ca.pem")
		if err := os.WriteFile(f, []byte(tc.bundle), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: testKey, CACertFile: f}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
}

// A ca_cert_file that is plausibly a path is quoted in every error; any
// other value (an API key, a password or a URL given there by mistake) is
// described by its length, or said to be a URL (masked), however it fails,
// also where the system's error would repeat the path (a name too long).
func TestTLS_caBundleNamedOnlyWhenPathLike(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	const key = "q7Xk2vR9pL4mN8wT3zB6yH1cJ5fD0sGa"
	const notShown = "the value (32 characters, not shown: it does not look like a file path)"
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("# no certificate\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat(key, 10)
	for _, tc := range []struct{ value, want string }{
		{"/nonexistent/ca.pem", `"/nonexistent/ca.pem" names no file`},
		{"ca.pem", `"ca.pem" names no file`},
		{"/etc/ssl/ca.pem\n", `"/etc/ssl/ca.pem\n" names no file`},
		{`C:\certs\corp.crt`, `"C:\\certs\\corp.crt" names no file`},
		{"~/corp-ca.pem", `"~/corp-ca.pem" names no file: ~ is not expanded; write the full path (in the provider block, pathexpand("~/corp-ca.pem"))`},
		{file + "/ca.pem", fmt.Sprintf("reading %q: not a directory", file+"/ca.pem")},
		{file, fmt.Sprintf("%q holds no PEM certificate", file)},
		{key, notShown + " names no file"},
		{"q7Xk2vR9+pL4mN8w/T3zB6yH1cJ5fD0sGa", "the value (34 characters, not shown: it does not look like a file path) names no file"},
		{"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
			"the value (80 characters, not shown: it does not look like a file path) names no file"},
		{"admin:S3cretPw.x", "the value (16 characters, not shown: it does not look like a file path) names no file"},
		{"~admin:S3cretPw", "the value (15 characters, not shown: it does not look like a file path) names no file"},
		{"https://admin:S3cretPw@certs.example/ca.pem", `the URL "https://***@certs.example/ca.pem" names no file: give the path of a PEM file`},
		{long, "reading the value (320 characters, not shown: it does not look like a file path): file name too long"},
	} {
		err := newWithCA(t, tc.value)
		if want := "unusable CA bundle: " + tc.want; err == nil || err.Error() != want {
			t.Errorf("%q:\ngot  %v\nwant %s", tc.value, err, want)
		}
	}
	// A key naming a file or a directory that exists: not shown either.
	if err := os.WriteFile(filepath.Join(dir, key), []byte("# no certificate\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := newWithCA(t, key); err == nil || err.Error() != "unusable CA bundle: "+notShown+" holds no PEM certificate" {
		t.Errorf("a file named like a key: %v", err)
	}
	if err := os.Remove(key); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(key, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := newWithCA(t, key); err == nil || err.Error() != "unusable CA bundle: "+notShown+" is a directory, not a regular file" {
		t.Errorf("a directory named like a key: %v", err)
	}
}

// No random key of 8 to 32 letters and digits (or base64, base64url) looks like a
// path: ca_cert_file set to one never shows it.
func TestTLS_caBundleRandomKeysNeverShown(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, key := range baseurltest.RandomKeys(100) {
		if err := newWithCA(t, key); err == nil || strings.Contains(err.Error(), key[:8]) {
			t.Fatalf("%q: %v", key, err)
		}
	}
}
