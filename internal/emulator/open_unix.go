//go:build unix

package emulator

import "syscall"

// openFlags opens the seed file without blocking: a FIFO swapped in after
// the stat would otherwise block open(2) itself until a writer comes.
const openFlags = syscall.O_NONBLOCK
