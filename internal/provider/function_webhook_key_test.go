package provider

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/tfharness"
)

// webhook_key gives the key the data sources give, NFC and escaping
// included; a null or empty type is a webhook without one.
func TestWebhookKey(t *testing.T) {
	null := tftypes.NewValue(tftypes.String, nil)
	for _, tc := range []struct {
		typ  tftypes.Value
		sub  string
		want string
	}{
		{litString("CADR"), "Onion_Marketing", "CADR/Onion_Marketing"},
		{litString("MSG"), "*", "MSG/*"},
		{null, "Sales", "/Sales"},
		{litString(""), "Sales", "/Sales"},
		{litString("A/b%"), "x", "A%2Fb%25/x"},
		{litString("%2F"), "x", "%252F/x"},
		{litString("MSG"), "a/b", "MSG/a/b"},
		{litString("Te\u0301st"), "Cafe\u0301", "T\u00e9st/Caf\u00e9"},
		{litString("MSG"), " Sales ", "MSG/ Sales "},
	} {
		got := functionResult(t, callFunction(t, "webhook_key", keyParams, tc.typ, litString(tc.sub)), tftypes.String)
		if !got.Equal(litString(tc.want)) {
			t.Errorf("webhook_key(%v, %q) = %v, want %q", tc.typ, tc.sub, got, tc.want)
		}
	}
}

// webhook_key and the data sources agree on every webhook, as the API may
// spell it: the function of the raw type and sub-account is the key the
// list gives.
func TestWebhookKey_agreesWithTheDataSources(t *testing.T) {
	raw := []client.Webhook{
		{Type: "CADR", SubAccountID: "Onion_Marketing"},
		{Type: "", SubAccountID: "Legacy"},
		{Type: "A/b%c", SubAccountID: "x/y"},
		{Type: "Te\u0301st", SubAccountID: "Cafe\u0301"},
		{Type: "MSG", SubAccountID: "\u212b"}, // the Angstrom sign, whose NFC is U+00C5
	}
	hooks := slices.Clone(raw)
	canonicalWebhooks(hooks)
	listed := map[string]bool{}
	var elems []tftypes.Value
	if err := webhooksValue(t, hooks).As(&elems); err != nil {
		t.Fatal(err)
	}
	for _, e := range elems {
		var attrs map[string]tftypes.Value
		var key string
		if err := e.As(&attrs); err != nil {
			t.Fatal(err)
		}
		if err := attrs["key"].As(&key); err != nil {
			t.Fatal(err)
		}
		listed[key] = true
	}
	for _, w := range raw {
		typ := litString(w.Type)
		if w.Type == "" {
			typ = tftypes.NewValue(tftypes.String, nil)
		}
		var key string
		if err := functionResult(t, callFunction(t, "webhook_key", keyParams, typ, litString(w.SubAccountID)), tftypes.String).As(&key); err != nil {
			t.Fatal(err)
		}
		if !listed[key] {
			t.Errorf("webhook_key(%q, %q) = %q, which the data source does not list (it lists %v)", w.Type, w.SubAccountID, key, listed)
		}
	}
}

// A null or empty sub-account is an error about that argument. (The CLIs
// refuse null themselves, since the parameter does not allow it.)
func TestWebhookKey_errors(t *testing.T) {
	for _, tc := range []struct {
		sub  tftypes.Value
		want string
	}{
		{tftypes.NewValue(tftypes.String, nil), `sub_account_id is null: a webhook key needs the sub-account, "*" for the account-wide webhook`},
		{litString(""), `sub_account_id is empty: a webhook key needs the sub-account, "*" for the account-wide webhook`},
	} {
		resp := callFunction(t, "webhook_key", keyParams, litString("MSG"), tc.sub)
		if arg, text := functionError(resp); arg != 1 || text != tc.want {
			t.Errorf("sub_account_id %v: error on argument %d: %s\nwant on argument 1: %s", tc.sub, arg, text, tc.want)
		}
	}
}

// keyAccount serves the documented account plus a webhook whose type needs
// escaping and whose sub-account is not in Unicode normal form C, and one
// without a type.
func keyAccount(t *testing.T) string {
	t.Helper()
	emu, url := startEmulator(t)
	emu.SetWebhooks(emulator.DefaultAccountID, append(emulator.DocumentedExample(),
		emulator.Webhook{Type: "A/b%", SubAccountID: "Cafe\u0301", URL: "https://x.example/odd", Enabled: emulator.Bool(true)},
		emulator.Webhook{SubAccountID: "Legacy", URL: "https://x.example/legacy"},
	))
	return providerConfig(url) + fmt.Sprintf("data \"eightxeight_webhooks\" \"all\" {\n  account_id = %q\n}\n", emulator.DefaultAccountID)
}

// webhook_key builds the keys the data source lists, escaping and Unicode
// normal form included, whatever the API returns; an unknown argument
// gives an unknown key; an empty or null sub-account is an error naming
// the argument.
func TestFunctionsThroughTheCLI_webhookKey(t *testing.T) {
	config := keyAccount(t) + `
resource "terraform_data" "later" {
  input = "later"
}
locals {
  urls = { for w in data.eightxeight_webhooks.all.webhooks : w.key => w.url }
}
output "plain" {
  value = provider::eightxeight::webhook_key("CADR", "Onion_Marketing")
}
output "untyped" {
  value = provider::eightxeight::webhook_key("", "Legacy")
}
# Every key the data source lists is the function of its type and
# sub-account (a null type written "", which OpenTofu needs).
output "agree" {
  value = [for w in data.eightxeight_webhooks.all.webhooks : w.key == provider::eightxeight::webhook_key(w.type == null ? "" : w.type, w.sub_account_id)]
}
output "lookup" {
  value = local.urls[provider::eightxeight::webhook_key("A/b%", "Cafe\u0301")]
}
output "unknown" {
  value = provider::eightxeight::webhook_key(terraform_data.later.output, "Sales")
}
`
	functionTest(t,
		// The errors first: the destroy after the last step evaluates its
		// configuration.
		resource.TestStep{
			Config:      `output "key" { value = provider::eightxeight::webhook_key("MSG", "") }`,
			ExpectError: errorRe(`Invalid value for "sub_account_id" parameter: sub_account_id is empty: a webhook key needs the sub-account, "*" for the account-wide webhook`),
		},
		// Refused by the CLI, in its own words.
		resource.TestStep{
			Config:      `output "key" { value = provider::eightxeight::webhook_key("MSG", null) }`,
			ExpectError: errorRe(`Invalid value for "sub_account_id" parameter:`, `null`),
		},
		resource.TestStep{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownOutputValue("plain", knownvalue.StringExact("CADR/Onion_Marketing")),
				plancheck.ExpectUnknownOutputValue("unknown"),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("plain", knownvalue.StringExact("CADR/Onion_Marketing")),
				statecheck.ExpectKnownOutputValue("untyped", knownvalue.StringExact("/Legacy")),
				statecheck.ExpectKnownOutputValue("agree", sixTrues),
				statecheck.ExpectKnownOutputValue("lookup", knownvalue.StringExact("https://x.example/odd")),
				statecheck.ExpectKnownOutputValue("unknown", knownvalue.StringExact("later/Sales")),
			},
		},
	)
}

// A null type is a webhook without one, on Terraform. OpenTofu (1.12.6)
// leaves a null argument out of its CallFunction request, which the
// framework cannot read: the documented limitation, checked here so that a
// fix in OpenTofu shows.
func TestFunctionsThroughTheCLI_webhookKeyNullType(t *testing.T) {
	config := keyAccount(t) + `
output "untyped" {
  value = provider::eightxeight::webhook_key(null, "Legacy")
}
output "agree" {
  value = [for w in data.eightxeight_webhooks.all.webhooks : w.key == provider::eightxeight::webhook_key(w.type, w.sub_account_id)]
}
`
	_, cli, err := cliVersion(tfharness.CLI())
	if err != nil {
		t.Fatal(err)
	}
	step := resource.TestStep{
		Config: config,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("untyped", knownvalue.StringExact("/Legacy")),
			statecheck.ExpectKnownOutputValue("agree", sixTrues),
		},
	}
	if cli == "OpenTofu" {
		step = resource.TestStep{
			Config:      config,
			ExpectError: errorRe(`Invalid value for "type" parameter: Unable to Convert Function Argument`, `DynamicValue had no JSON or msgpack data set`),
		}
	}
	functionTest(t, step)
}

// sixTrues is the value of a list of six true.
var sixTrues = knownvalue.ListExact([]knownvalue.Check{
	knownvalue.Bool(true), knownvalue.Bool(true), knownvalue.Bool(true), knownvalue.Bool(true), knownvalue.Bool(true), knownvalue.Bool(true),
})
