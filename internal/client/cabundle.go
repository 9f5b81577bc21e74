package client

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"
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
		return nil, fmt.Errorf("%w: %s: %w", ErrCABundle, caFileShown(file), err)
	}
	if len(certs) == 0 {
		return nil, fmt.Errorf("%w: %s holds no PEM certificate", ErrCABundle, caFileShown(file))
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
		return nil, caFileError(file, err)
	}
	if err := checkCABundleFile(file, info); err != nil {
		return nil, err
	}
	// O_NONBLOCK: a file swapped for a FIFO since the check cannot block.
	f, err := os.OpenFile(file, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, caFileError(file, err)
	}
	defer f.Close()
	opened, err := f.Stat()
	if err != nil {
		return nil, caFileError(file, err)
	}
	if err := checkCABundleFile(file, opened); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, maxCABundleBytes+1))
	if err != nil {
		return nil, caFileError(file, err)
	}
	if len(data) > maxCABundleBytes {
		return nil, fmt.Errorf("%w: %s has more than %s; a CA bundle may have %s at most", ErrCABundle, caFileShown(file), byteSize(maxCABundleBytes), byteSize(maxCABundleBytes))
	}
	return data, nil
}

// caFileError is err, from the file system about file, with file as
// caFileShown shows it: the system's own text repeats the path (stat
// q7Xk...: no such file or directory), so only the reason it wraps is
// kept.
func caFileError(file string, err error) error {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		err = pathErr.Err
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: reading %s: %w", ErrCABundle, caFileShown(file), err)
	}
	hint := ""
	switch {
	case pathLike(file) && strings.HasPrefix(strings.TrimSpace(file), "~"):
		hint = fmt.Sprintf(`: ~ is not expanded; write the full path (in the provider block, pathexpand(%q))`, file)
	case urlLike(file):
		hint = ": give the path of a PEM file"
	}
	return fmt.Errorf("%w: %s names no file%s", ErrCABundle, caFileShown(file), hint)
}

// caFileShown is file, the CA bundle's path, as a message shows it:
// quoted when it is plausibly a path (pathLike) or is a path, with a
// separator, to something that exists (/Users/Bob/certs: no secret is); a URL, masked as a
// base_url is (shownURL); any other value (an API key or a password given
// as ca_cert_file) is described by its length.
func caFileShown(file string) string {
	switch {
	case pathLike(file) || (strings.ContainsAny(file, `/\`) && exists(file)):
		return strconv.Quote(file)
	case urlLike(file):
		return "the URL " + shownURL(file)
	}
	return fmt.Sprintf("the value (%s, not shown: it does not look like a file path)", plural(utf8.RuneCountInString(file), "character"))
}

// exists reports whether file names something in the file system.
func exists(file string) bool {
	_, err := os.Lstat(file)
	return err == nil
}

// pathLike reports whether s is plausibly a file's path: its last element
// has an extension (a dot and 1 to 9 letters, digits or dashes after a
// name: ca.pem, corp.crt, tls-ca-bundle.pem), or it starts with /, \, ~,
// ./ or ../ (or .\ and ..\) or a drive letter (C:\ or C:/), is in lower
// case and names a file in a folder (/etc/ssl/bundle; base64 starts with
// "/" as often, mostly in mixed case); and it holds no @,
// no colon but a drive letter's, no + or = (base64), and no control
// character but white space at its ends (a line break that file() left).
// A key of letters and digits, base64, a password, user:password or a URL
// is none of these.
func pathLike(s string) bool {
	t := strings.TrimSpace(s)
	drive := len(t) >= 3 && (t[0]|0x20 >= 'a' && t[0]|0x20 <= 'z') && t[1] == ':' && (t[2] == '\\' || t[2] == '/')
	rest := t
	if drive {
		rest = t[2:]
	}
	if rest == "" || strings.ContainsAny(rest, "@:+=") || strings.ContainsFunc(rest, unicode.IsControl) {
		return false
	}
	name := rest[strings.LastIndexAny(rest, `/\`)+1:]
	dot := strings.LastIndexByte(name, '.')
	ext := name[dot+1:]
	if dot > 0 && len(ext) >= 1 && len(ext) <= 9 && strings.Trim(strings.ToLower(ext), "abcdefghijklmnopqrstuvwxyz0123456789-") == "" {
		return true // ca.pem, /etc/ssl/cert.pem, C:\certs\ca.crt
	}
	// Without an extension: a path from the root, home or here, in lower
	// case, to a file in a folder (/etc/ssl/bundle). Base64 starts with "/"
	// as often, but is in mixed case, and rarely holds two.
	return (strings.ContainsRune(`/\~`, rune(rest[0])) || strings.HasPrefix(rest, "./") || strings.HasPrefix(rest, "../") ||
		strings.HasPrefix(rest, `.\`) || strings.HasPrefix(rest, `..\`)) && strings.ToLower(rest) == rest &&
		strings.Count(strings.ReplaceAll(rest, `\`, "/"), "/") >= 2
}

// urlLike reports whether file is not pathLike but a URL with a scheme,
// which shownURL shows masked.
func urlLike(file string) bool {
	return !pathLike(file) && splitURL(strings.TrimSpace(file)).scheme != "" && strings.Contains(file, "://")
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
		return fmt.Errorf("%w: %s is %s, not a regular file", ErrCABundle, caFileShown(file), what)
	}
	if info.Size() > maxCABundleBytes {
		return fmt.Errorf("%w: %s has %d bytes; a CA bundle may have %s at most", ErrCABundle, caFileShown(file), info.Size(), byteSize(maxCABundleBytes))
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
