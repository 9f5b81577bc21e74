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
	"strings"
	"testing"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

func TestTLS_badCABundle(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "x.pem")
	_ = os.WriteFile(notPEM, []byte("not a certificate"), 0o600)
	for file, want := range map[string]string{
		filepath.Join(dir, "missing.pem"): "reading the CA bundle",
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
		dir: "unusable CA bundle: " + dir + " is a directory, not a regular file",
		big: fmt.Sprintf("unusable CA bundle: %s has %d bytes; a CA bundle may have 1 MiB at most", big, len(bigData)),
		write("key.pem", append(append([]byte("# ours\n"), ca...), keyPEM...)): "unusable CA bundle: " + dir + "/key.pem: " +
			"the PEM block on line 13 is a private key (EC PRIVATE KEY); a CA bundle holds certificates only: remove the key, and keep it secret",
		write("bad.pem", append(append([]byte{}, ca...), badCert...)): "unusable CA bundle: " + dir + "/bad.pem: " +
			"the PEM block on line 12 is not a valid certificate: x509: malformed certificate",
		write("crl.pem", append(append([]byte{}, ca...), pem.EncodeToMemory(&pem.Block{Type: "X509 CRL", Bytes: []byte{1}})...)): "unusable CA bundle: " +
			dir + "/crl.pem: the PEM block on line 12 is of type X509 CRL; a CA bundle holds CERTIFICATE blocks only",
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
