//go:build !linux

// Command bench measures whole `terraform plan` processes; it needs Linux
// (process groups, rusage and GNU time). See main.go.
package main

import (
	"fmt"
	"os"
	"runtime"
)

func main() {
	fmt.Fprintf(os.Stderr, "bench: runs on Linux only, not on %s\n", runtime.GOOS)
	os.Exit(2)
}
