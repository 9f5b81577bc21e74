package client

import (
	"errors"
	"syscall"
)

// wsaeconnrefused is Windows' WSAECONNREFUSED, which the syscall package
// does not name.
const wsaeconnrefused = syscall.Errno(10061)

// isConnRefused reports whether err is a connection the other end refused.
func isConnRefused(err error) bool {
	return errors.Is(err, wsaeconnrefused) || errors.Is(err, syscall.ECONNREFUSED)
}
