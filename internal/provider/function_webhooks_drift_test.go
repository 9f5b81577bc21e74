package provider

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// webhooks_drift through the protocol: the lines, an empty list (not null)
// for no drift, unknown for unknown input, and errors on the argument at
// fault, several as a list, at most maxErrors.
func TestWebhooksDrift_call(t *testing.T) {
	actual := webhooksValue(t, documentedHooks())
	listType := tftypes.List{ElementType: tftypes.String}
	lines := func(ss ...string) tftypes.Value {
		elems := make([]tftypes.Value, len(ss))
		for i, s := range ss {
			elems[i] = litString(s)
		}
		return tftypes.NewValue(listType, elems)
	}

	t.Run("lines", func(t *testing.T) {
		expected := driftWith(map[string]tftypes.Value{
			"CADR/Onion_Marketing": litObject(map[string]tftypes.Value{"oauth": litNull}),
			"MSG/*":                litObject(map[string]tftypes.Value{"url": litString("https://b.example"), "oauth": litNull}),
		})
		got := functionResult(t, callFunction(t, "webhooks_drift", driftParams, expected, actual), listType)
		want := lines(
			`CADR/Onion_Marketing: oauth is {client_id = "my-client-id", credentials_location = "header", scope = "read write", `+
				`url = "https://auth.example.com/oauth/token"} in the account, expected null`,
			`MSG/*: url is "http://example.com/dr/general" in the account, expected "https://b.example"`,
		)
		if !got.Equal(want) {
			t.Errorf("got %v\nwant %v", got, want)
		}
	})
	t.Run("none", func(t *testing.T) {
		got := functionResult(t, callFunction(t, "webhooks_drift", driftParams, driftWith(nil), actual), listType)
		if !got.Equal(lines()) || got.IsNull() {
			t.Errorf("got %v, want []", got)
		}
	})
	t.Run("unknown", func(t *testing.T) {
		expected := driftWith(map[string]tftypes.Value{"MSG/*": litObject(map[string]tftypes.Value{"url": litUnknown})})
		for name, args := range map[string][2]tftypes.Value{"nested": {expected, actual}, "whole": {driftWith(nil), litUnknown}} {
			got := functionResult(t, callFunction(t, "webhooks_drift", driftParams, args[0], args[1]), listType)
			if got.IsKnown() {
				t.Errorf("%s: got %v, want unknown", name, got)
			}
		}
	})
	t.Run("errors", func(t *testing.T) {
		many := map[string]tftypes.Value{}
		for i := range maxErrors + 2 {
			many[fmt.Sprintf("u%02d", i)] = litString("x")
		}
		var manyWant strings.Builder
		fmt.Fprintf(&manyWant, "%d problems:", maxErrors+2)
		for i := range maxErrors {
			fmt.Fprintf(&manyWant, "\n- expected[\"MSG/*\"] has no attribute \"u%02d\": a webhook's attributes to compare are "+
				"enabled, has_http_authorization, has_oauth, oauth and url", i)
		}
		manyWant.WriteString("\n- … and 2 more")
		for name, tc := range map[string]struct {
			expected, actual tftypes.Value
			arg              int64
			want             string
		}{
			"one": {driftWith(map[string]tftypes.Value{"MSG": litEmpty}), actual, 0, `expected key "MSG" is not a webhook key: it has no "/". ` +
				`A key is "<type>/<sub_account_id>" (e.g. "MSG/*", or "/Sales" for a webhook without a type); ` +
				`provider::eightxeight::webhook_key(type, sub_account_id) builds it`},
			"two": {driftWith(map[string]tftypes.Value{"MSG/*": litNull, "CABM/*": litObject(map[string]tftypes.Value{"url": litBool(true)})}), actual, 0,
				"2 problems:\n" +
					`- expected["CABM/*"].url must be a string or null, not a bool` + "\n" +
					`- expected["MSG/*"] is null: write {} for a webhook that must exist whatever its attributes`},
			"many":   {driftWith(map[string]tftypes.Value{"MSG/*": litObject(many)}), actual, 0, manyWant.String()},
			"actual": {driftWith(nil), litObject(map[string]tftypes.Value{"webhooks": actual}), 1, "actual must be the list of webhooks, not the data source: write data.eightxeight_webhooks.<name>.webhooks"},
			"nulls":  {litNull, litNull, 0, `expected is null: give the webhooks that must exist, keyed by webhook key (e.g. { "MSG/*" = { url = "https://hooks.example.com/inbound" }, "CADR/Sales" = {} }), or {} for none`},
		} {
			resp := callFunction(t, "webhooks_drift", driftParams, tc.expected, tc.actual)
			if arg, text := functionError(resp); arg != tc.arg || text != tc.want {
				t.Errorf("%s: error on argument %d:\n%s\nwant on argument %d:\n%s", name, arg, text, tc.arg, tc.want)
			}
		}
	})
}

// driftConfig reads the documented account and defines the expectations
// the drift tests compare it with: local.expected differs from it in four
// ways, local.exact in none.
func driftConfig(url string, extra string) string {
	return providerConfig(url) + fmt.Sprintf(`
data "eightxeight_webhooks" "all" {
  account_id = %q
}
locals {
  expected = {
    "CADR/Onion_Marketing" = { url = "http://example.com/dr/marketing", oauth = { client_id = "my-client-id", scope = "read" } }
    "MSG/Onion_Marketing"  = { url = "https://example.com/dr/sales", has_http_authorization = true, oauth = null }
    "MSG/*"                = {}
    "CADR/Sales"           = {}
  }
  exact = {
    "CABM/*"               = { url = "http://example.com/mo/general", enabled = false, oauth = null }
    "CADR/Onion_Marketing" = { has_oauth = true, oauth = { credentials_location = "header" } }
    "MSG/*"                = { url = "http://example.com/dr/general", has_http_authorization = false }
    "MSG/Onion_Marketing"  = { has_http_authorization = true }
  }
}
`, emulator.DefaultAccountID) + extra
}

// webhooks_drift through the CLI, with each shape Terraform passes: an
// object literal or a map for expected; for actual the data source's
// list, a tuple from a for expression or jsondecode(jsonencode(…)), and
// variables holding what `terraform output -json` printed. Unknown input
// (a value known after apply, or a data source read during apply) gives an
// unknown result at plan time and the lines after apply.
func TestFunctionsThroughTheCLI_webhooksDrift(t *testing.T) {
	_, url := startEmulator(t)
	outputs := `
variable "expected" {
  type = any
}
variable "actual" {
  type = any
}
resource "terraform_data" "later" {
  input = "https://later.example"
}
resource "terraform_data" "account" {
  input = data.eightxeight_webhooks.all.account_id
}
data "eightxeight_webhooks" "later" {
  account_id = terraform_data.account.output
}
output "drift" {
  value = provider::eightxeight::webhooks_drift(local.expected, data.eightxeight_webhooks.all.webhooks)
}
output "none" {
  value = provider::eightxeight::webhooks_drift(local.exact, data.eightxeight_webhooks.all.webhooks)
}
output "via_json" {
  value = provider::eightxeight::webhooks_drift(local.expected, jsondecode(jsonencode(data.eightxeight_webhooks.all.webhooks)))
}
output "via_for" {
  value = provider::eightxeight::webhooks_drift(
    { "MSG/*" = {}, "MSG/Onion_Marketing" = {}, "CABM/*" = {} },
    [for w in data.eightxeight_webhooks.all.webhooks : w if w.enabled],
  )
}
output "via_variables" {
  value = provider::eightxeight::webhooks_drift(var.expected, var.actual)
}
output "map" {
  value = provider::eightxeight::webhooks_drift(tomap({
    "CABM/*"               = { enabled = true }
    "CADR/Onion_Marketing" = { enabled = true }
    "MSG/*"                = { enabled = true }
    "MSG/Onion_Marketing"  = { enabled = true }
  }), data.eightxeight_webhooks.all.webhooks)
}
output "unknown_expected" {
  value = provider::eightxeight::webhooks_drift(
    merge(local.exact, { "MSG/*" = { url = terraform_data.later.output } }),
    data.eightxeight_webhooks.all.webhooks,
  )
}
output "unknown_actual" {
  value = provider::eightxeight::webhooks_drift(local.exact, data.eightxeight_webhooks.later.webhooks)
}
`
	functionTest(t, resource.TestStep{
		Config: driftConfig(url, outputs),
		ConfigVariables: config.Variables{
			"expected": json.RawMessage(expectedJSON),
			"actual":   json.RawMessage(documentedJSON),
		},
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectKnownOutputValue("drift", stringsExact(expectedDrift...)),
			plancheck.ExpectUnknownOutputValue("unknown_expected"),
			plancheck.ExpectUnknownOutputValue("unknown_actual"),
		}},
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("drift", stringsExact(expectedDrift...)),
			statecheck.ExpectKnownOutputValue("none", knownvalue.ListExact([]knownvalue.Check{})),
			statecheck.ExpectKnownOutputValue("via_json", stringsExact(expectedDrift...)),
			statecheck.ExpectKnownOutputValue("via_for", stringsExact(
				"CABM/*: missing (expected, not in the account)",
				"CADR/Onion_Marketing: unexpected (in the account, not expected)",
			)),
			statecheck.ExpectKnownOutputValue("via_variables", stringsExact(expectedDrift...)),
			statecheck.ExpectKnownOutputValue("map", stringsExact("CABM/*: enabled is false in the account, expected true")),
			statecheck.ExpectKnownOutputValue("unknown_expected", stringsExact(
				`MSG/*: url is "http://example.com/dr/general" in the account, expected "https://later.example"`,
			)),
			statecheck.ExpectKnownOutputValue("unknown_actual", knownvalue.ListExact([]knownvalue.Check{})),
		},
	})
}

// The whole drift check is two lines of a postcondition: it passes when
// nothing differs, and fails the plan naming every difference when
// something does.
func TestFunctionsThroughTheCLI_webhooksDriftPostcondition(t *testing.T) {
	_, url := startEmulator(t)
	checked := func(expected string) string {
		return driftConfig(url, fmt.Sprintf(`
data "eightxeight_webhooks" "checked" {
  account_id = data.eightxeight_webhooks.all.account_id

  lifecycle {
    postcondition {
      condition     = length(provider::eightxeight::webhooks_drift(%[1]s, self.webhooks)) == 0
      error_message = join("\n", provider::eightxeight::webhooks_drift(%[1]s, self.webhooks))
    }
  }
}
`, expected))
	}
	words := append([]string{"Resource postcondition failed"}, expectedDrift...)
	functionTest(t,
		resource.TestStep{Config: checked("local.exact")},
		resource.TestStep{Config: checked("local.expected"), ExpectError: errorRe(words...)},
	)
}

// Bad arguments fail the plan (at validation, when they are known then)
// with an error on the argument that names what is wrong.
func TestFunctionsThroughTheCLI_webhooksDriftErrors(t *testing.T) {
	_, url := startEmulator(t)
	step := func(call string, words ...string) resource.TestStep {
		return resource.TestStep{
			Config:      driftConfig(url, fmt.Sprintf("output \"drift\" {\n  value = %s\n}\n", call)),
			ExpectError: errorRe(words...),
		}
	}
	const webhooks = "data.eightxeight_webhooks.all.webhooks"
	functionTest(t,
		step(`provider::eightxeight::webhooks_drift({ "MSG/*" = { ulr = "https://a.example" } }, `+webhooks+`)`,
			`Invalid value for "expected" parameter: expected["MSG/*"] has no attribute "ulr": a webhook's attributes to compare are enabled, has_http_authorization, has_oauth, oauth and url`),
		step(`provider::eightxeight::webhooks_drift({ "MSG/*" = { oauth = { client_secret = "***" } } }, `+webhooks+`)`,
			`Invalid value for "expected" parameter: expected["MSG/*"].oauth has no attribute "client_secret": its attributes are client_id, credentials_location, scope and url`),
		step(`provider::eightxeight::webhooks_drift({ "MSG" = {} }, `+webhooks+`)`,
			`Invalid value for "expected" parameter: expected key "MSG" is not a webhook key: it has no "/"`,
			`provider::eightxeight::webhook_key(type, sub_account_id) builds it`),
		step(`provider::eightxeight::webhooks_drift({ "MSG/*" = { enabled = "yes" } }, `+webhooks+`)`,
			`Invalid value for "expected" parameter: expected["MSG/*"].enabled must be a bool or null, not a string`),
		step(`provider::eightxeight::webhooks_drift(local.exact, data.eightxeight_webhooks.all)`,
			`Invalid value for "actual" parameter: actual must be the list of webhooks, not the data source: write data.eightxeight_webhooks.<name>.webhooks`),
		// Refused by the CLI, in its own words.
		step(`provider::eightxeight::webhooks_drift(null, `+webhooks+`)`, `Invalid value for "expected" parameter:`, `null`),
	)
}

// The lines of local.expected against the documented account.
var expectedDrift = []string{
	"CABM/*: unexpected (in the account, not expected)",
	`CADR/Onion_Marketing: oauth.scope is "read write" in the account, expected "read"`,
	"CADR/Sales: missing (expected, not in the account)",
	`MSG/Onion_Marketing: url is "http://example.com/dr/sales" in the account, expected "https://example.com/dr/sales"`,
}

// documentedJSON is the documented account's webhooks as `terraform output
// -json` prints them, and expectedJSON local.expected in a .tfvars.json.
const (
	documentedJSON = `[
  {"key": "CABM/*", "type": "CABM", "sub_account_id": "*", "url": "http://example.com/mo/general", "enabled": false,
   "has_http_authorization": false, "has_oauth": false, "oauth": null},
  {"key": "CADR/Onion_Marketing", "type": "CADR", "sub_account_id": "Onion_Marketing", "url": "http://example.com/dr/marketing",
   "enabled": true, "has_http_authorization": false, "has_oauth": true,
   "oauth": {"client_id": "my-client-id", "credentials_location": "header", "scope": "read write", "url": "https://auth.example.com/oauth/token"}},
  {"key": "MSG/*", "type": "MSG", "sub_account_id": "*", "url": "http://example.com/dr/general", "enabled": true,
   "has_http_authorization": false, "has_oauth": false, "oauth": null},
  {"key": "MSG/Onion_Marketing", "type": "MSG", "sub_account_id": "Onion_Marketing", "url": "http://example.com/dr/sales",
   "enabled": true, "has_http_authorization": true, "has_oauth": false, "oauth": null}
]`
	expectedJSON = `{
  "CADR/Onion_Marketing": {"url": "http://example.com/dr/marketing", "oauth": {"client_id": "my-client-id", "scope": "read"}},
  "MSG/Onion_Marketing": {"url": "https://example.com/dr/sales", "has_http_authorization": true, "oauth": null},
  "MSG/*": {},
  "CADR/Sales": {}
}`
)
