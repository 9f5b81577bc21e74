//go:build unix

package tfharness

// The provider wrapper is a shell script, so it exists only where Terraform
// can start one: Unix. The benchmarks (internal/cmd/bench) use it.

import (
	"os"
	"path/filepath"
	"strings"
)

// WrapProvider puts a program in front of the provider binary: Terraform
// then starts `wrapper... <real provider> <args>`, e.g.
// /usr/bin/time -f %M -a -o FILE to record the provider's peak memory.
func (h *Harness) WrapProvider(wrapper ...string) error {
	moved := filepath.Join(h.Dir, "real-terraform-provider-eightxeight")
	if err := os.Rename(h.provider, moved); err != nil {
		return err
	}
	return os.WriteFile(h.provider, []byte(WrapperScript(moved, wrapper...)), 0o700)
}

// WrapperScript is a shell script that runs `wrapper... binary "$@"`.
func WrapperScript(binary string, wrapper ...string) string {
	quoted := make([]string, 0, len(wrapper)+1)
	for _, w := range append(wrapper, binary) {
		quoted = append(quoted, "'"+strings.ReplaceAll(w, "'", `'\''`)+"'")
	}
	return "#!/bin/sh\nexec " + strings.Join(quoted, " ") + ` "$@"` + "\n"
}
