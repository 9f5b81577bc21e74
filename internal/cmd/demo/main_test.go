package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/tfharness"
)

// The demo builds the provider, plans and applies examples/demo through the
// real Terraform CLI against the emulator, and prints the four documented
// webhooks in the documented order.
func TestDemo(t *testing.T) {
	var out bytes.Buffer
	if err := run("../../..", "examples/demo", tfharness.CLI(), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	want := []string{
		"CABM  *                http://example.com/mo/general    false    none",
		"CADR  Onion_Marketing  http://example.com/dr/marketing  true     oauth",
		"MSG   *                http://example.com/dr/general    true     none",
		"MSG   Onion_Marketing  http://example.com/dr/sales      true     http_authorization",
		"make emulator",
		"dev_overrides CLI configuration",
		"export EIGHTXEIGHT_API_KEY=",
		"make install",
	}
	text := out.String()
	// init fails after make build alone: the demo must not advise it there.
	if strings.Contains(text, "init &&") {
		t.Errorf("the demo advises terraform init:\n%s", text)
	}
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Fatalf("the demo output lacks %q (in order):\n%s", w, text)
		}
		at += i
	}
}
