package main

import (
	"bytes"
	"log"
	"os"
	"testing"
)

// Go's standard logger, which net/http fills with raw server bytes in
// some cases, writes nothing once the provider serves.
func TestQuietStandardLog(t *testing.T) {
	var out bytes.Buffer
	log.SetOutput(&out)
	t.Cleanup(func() { log.SetOutput(os.Stderr); log.SetFlags(log.LstdFlags) })
	quietStandardLog()
	log.Printf("Unsolicited response received on idle HTTP channel starting with %q", "Bearer secret")
	if out.Len() != 0 {
		t.Errorf("the standard logger wrote %q", out.String())
	}
}
