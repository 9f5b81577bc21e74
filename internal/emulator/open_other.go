//go:build !unix

package emulator

// openFlags: opening a file does not block here the way a FIFO does on Unix.
const openFlags = 0
