package client

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
