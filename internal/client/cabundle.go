package client

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
)

// maxCABundleBytes bounds a CA bundle: a system's whole bundle is a few
// hundred kilobytes.
const maxCABundleBytes = 1 << 20

// rootCAs is the system pool plus the certificates of file, or nil (the
// system pool) when file is empty.
func rootCAs(file string) (*x509.CertPool, error) {
	if file == "" {
		return nil, nil
	}
	data, err := readCABundle(file)
	if err != nil {
		return nil, err
	}
	certs, err := parseCABundle(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrCABundle, file, err)
	}
	if len(certs) == 0 {
		return nil, fmt.Errorf("%w: the CA bundle %s holds no PEM certificate", ErrCABundle, file)
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	for _, c := range certs {
		pool.AddCert(c)
	}
	return pool, nil
}

// readCABundle reads file if it is a regular file of at most
// maxCABundleBytes: a device would never end, and a FIFO would block.
func readCABundle(file string) ([]byte, error) {
	info, err := os.Stat(file)
	if err != nil {
		return nil, fmt.Errorf("%w: reading the CA bundle: %w", ErrCABundle, err)
	}
	if err := checkCABundleFile(file, info); err != nil {
		return nil, err
	}
	// O_NONBLOCK: a file swapped for a FIFO since the check cannot block.
	f, err := os.OpenFile(file, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("%w: reading the CA bundle: %w", ErrCABundle, err)
	}
	defer f.Close()
	opened, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%w: reading the CA bundle: %w", ErrCABundle, err)
	}
	if err := checkCABundleFile(file, opened); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, maxCABundleBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: reading the CA bundle: %w", ErrCABundle, err)
	}
	if len(data) > maxCABundleBytes {
		return nil, fmt.Errorf("%w: %s has more than %s; a CA bundle may have %s at most", ErrCABundle, file, byteSize(maxCABundleBytes), byteSize(maxCABundleBytes))
	}
	return data, nil
}

// checkCABundleFile fails unless info is a regular file small enough.
func checkCABundleFile(file string, info fs.FileInfo) error {
	mode := info.Mode()
	if !mode.IsRegular() {
		what := "not a regular file"
		switch {
		case mode.IsDir():
			what = "a directory"
		case mode&fs.ModeNamedPipe != 0:
			what = "a named pipe"
		case mode&fs.ModeDevice != 0:
			what = "a device"
		case mode&fs.ModeSocket != 0:
			what = "a socket"
		}
		return fmt.Errorf("%w: %s is %s, not a regular file", ErrCABundle, file, what)
	}
	if info.Size() > maxCABundleBytes {
		return fmt.Errorf("%w: %s has %d bytes; a CA bundle may have %s at most", ErrCABundle, file, info.Size(), byteSize(maxCABundleBytes))
	}
	return nil
}

// parseCABundle returns the certificates of a PEM bundle. Text between
// blocks is allowed (bundles often carry comments); every block must decode
// and be a certificate: a block cut short or with bad base64 is an error
// naming its line (pem.Decode alone would skip it), a private key above all.
func parseCABundle(data []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	lines := strings.SplitAfter(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		begin := strings.TrimSpace(lines[i])
		typ, ok := strings.CutPrefix(begin, "-----BEGIN ")
		if !ok {
			continue
		}
		typ = strings.TrimSuffix(typ, "-----")
		at, end := i+1, -1
		for j := i + 1; j < len(lines); j++ {
			if strings.HasPrefix(strings.TrimSpace(lines[j]), "-----") {
				end = j
				break
			}
		}
		if end < 0 || strings.TrimSpace(lines[end]) != "-----END "+typ+"-----" {
			return nil, fmt.Errorf("the PEM block on line %d (%s) has no matching END line", at, typ)
		}
		block, _ := pem.Decode([]byte(strings.Join(lines[i:end+1], "")))
		switch {
		case block == nil:
			return nil, fmt.Errorf("the PEM block on line %d (%s) cannot be decoded: its base64 is broken", at, typ)
		case strings.HasSuffix(block.Type, "PRIVATE KEY"):
			return nil, fmt.Errorf("the PEM block on line %d is a private key (%s); a CA bundle holds certificates only: remove the key, and keep it secret", at, block.Type)
		case block.Type != "CERTIFICATE":
			return nil, fmt.Errorf("the PEM block on line %d is of type %s; a CA bundle holds CERTIFICATE blocks only", at, block.Type)
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("the PEM block on line %d is not a valid certificate: %w", at, err)
		}
		certs = append(certs, c)
		i = end
	}
	return certs, nil
}
