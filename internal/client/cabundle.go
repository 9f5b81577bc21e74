package client

import (
	"crypto/x509"
	"fmt"
	"os"
)

// rootCAs is the system pool plus the certificates of file, or nil (the
// system pool) when file is empty.
func rootCAs(file string) (*x509.CertPool, error) {
	if file == "" {
		return nil, nil
	}
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("%w: reading the CA bundle: %w", ErrCABundle, err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%w: the CA bundle %s holds no PEM certificate", ErrCABundle, file)
	}
	return pool, nil
}
