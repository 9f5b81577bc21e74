package provider

import (
	"encoding/json"
	"fmt"
	"maps"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// What users write first works as written, with no sensitive = true and
// no nonsensitive(): outputs of the whole list, of one element and of
// oauth, a comparison of oauth with null, and jsonencode of the list into
// another resource. Only the secrets are sensitive. (for_each: below.)
func TestUsage_outputsForEachAndJSON(t *testing.T) {
	_, url := startEmulator(t)
	config := providerConfig(url) + fmt.Sprintf(`
data "eightxeight_webhooks" "all" {
  account_id = %[1]q
}
data "eightxeight_webhook" "receipts" {
  account_id     = %[1]q
  type           = "CADR"
  sub_account_id = "Onion_Marketing"
}

output "all" {
  value = data.eightxeight_webhooks.all.webhooks
}
output "one" {
  value = data.eightxeight_webhooks.all.webhooks[3]
}
output "oauth" {
  value = data.eightxeight_webhook.receipts.oauth
}
output "uses_oauth" {
  value = data.eightxeight_webhook.receipts.oauth != null
}

resource "terraform_data" "json" {
  input = jsonencode(data.eightxeight_webhooks.all.webhooks)
}
`, emulator.DefaultAccountID)

	// jsonencode writes object attributes in name order, as json.Marshal
	// writes map keys.
	type obj = map[string]any
	hook := func(typ, sub, url string, enabled, auth bool, oauth any) obj {
		return obj{"key": typ + "/" + sub, "type": typ, "sub_account_id": sub, "url": url, "enabled": enabled,
			"has_http_authorization": auth, "has_oauth": oauth != nil, "oauth": oauth}
	}
	wantJSON, err := json.Marshal([]obj{
		hook("CABM", "*", "http://example.com/mo/general", false, false, nil),
		hook("CADR", "Onion_Marketing", "http://example.com/dr/marketing", true, false, obj{
			"url": "https://auth.example.com/oauth/token", "client_id": "my-client-id", "credentials_location": "header", "scope": "read write",
		}),
		hook("MSG", "*", "http://example.com/dr/general", true, false, nil),
		hook("MSG", "Onion_Marketing", "http://example.com/dr/sales", true, true, nil),
	})
	if err != nil {
		t.Fatal(err)
	}
	unitTest(t, nil, resource.TestStep{
		Config: config,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("all", knownvalue.ListSizeExact(4)),
			statecheck.ExpectKnownOutputValue("one", webhookCheck("MSG", "Onion_Marketing", "http://example.com/dr/sales", true, true, nil)),
			statecheck.ExpectKnownOutputValue("oauth", documentedOAuth),
			statecheck.ExpectKnownOutputValue("uses_oauth", knownvalue.Bool(true)),
			statecheck.ExpectKnownValue("terraform_data.json", tfjsonpath.New("output"), knownvalue.StringExact(string(wantJSON))),
			// Only the secrets are sensitive.
			statecheck.ExpectSensitiveValue("data.eightxeight_webhooks.all", tfjsonpath.New("credentials")),
			statecheck.ExpectSensitiveValue("data.eightxeight_webhook.receipts", tfjsonpath.New("oauth_client_secret")),
			statecheck.ExpectSensitiveValue("data.eightxeight_webhook.receipts", tfjsonpath.New("http_authorization")),
		},
	})
}

// A for_each keyed by key over the whole list, the way users manage one
// resource per webhook, plans and applies. It runs a real build through
// the real CLI: terraform-plugin-testing cannot read back the state of a
// for_each with string keys.
func TestUsage_forEachByKey(t *testing.T) {
	_, url, h := realCLI(t)
	config := requiredProviders + fmt.Sprintf(`
provider "eightxeight" {}

data "eightxeight_webhooks" "all" {
  account_id = %q
}

resource "terraform_data" "each" {
  for_each = { for w in data.eightxeight_webhooks.all.webhooks : w.key => w }
  input    = "${each.value.url} ${each.value.enabled}"
}

output "each" {
  value = { for key, r in terraform_data.each : key => r.output }
}
`, emulator.DefaultAccountID)
	work, err := h.Workspace("", map[string]string{"main.tf": config})
	if err != nil {
		t.Fatal(err)
	}
	env := h.Env("EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey, "EIGHTXEIGHT_BASE_URL="+url)
	if _, stderr, err := h.Run(work, env, "apply", "-input=false", "-no-color", "-auto-approve"); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	stdout, _, err := h.Run(work, env, "output", "-json", "each")
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]string
	if err := json.Unmarshal(stdout, &got); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	want := map[string]string{
		"CABM/*":               "http://example.com/mo/general false",
		"CADR/Onion_Marketing": "http://example.com/dr/marketing true",
		"MSG/*":                "http://example.com/dr/general true",
		"MSG/Onion_Marketing":  "http://example.com/dr/sales true",
	}
	if !maps.Equal(got, want) {
		t.Errorf("for_each instances %v, want %v", got, want)
	}
}
