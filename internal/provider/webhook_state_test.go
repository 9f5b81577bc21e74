package provider

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// Ctrl-C (a canceled context) stops mapping a long list at once.
func TestWebhookList_stopsWithTheContext(t *testing.T) {
	hooks := make([]client.Webhook, 5*checkEvery)
	for i := range hooks {
		hooks[i] = client.Webhook{Type: "MSG", SubAccountID: "*", URL: "https://x.example"}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := webhookList(ctx, hooks); !errors.Is(err, context.Canceled) {
		t.Errorf("mapping went on after the context ended: %v", err)
	}
	if list, err := webhookList(context.Background(), hooks); err != nil || list.IsNull() {
		t.Errorf("%v %v", list, err)
	}
}

// Keys are unique whatever the API's strings hold: a "/" in a type is
// escaped, so ("CADR/Sales", "EU") and ("CADR", "Sales/EU") are two keys,
// and two spellings of one Unicode string (which Terraform makes one) are
// one key, the first kept with a warning. The singular data source finds
// the pair it was asked for.
func TestKeys_uniqueForTerraform(t *testing.T) {
	emu, url := startEmulator(t)
	emu.SetWebhooks(emulator.DefaultAccountID, []emulator.Webhook{
		{Type: "CADR", SubAccountID: "Sales/EU", URL: "https://hooks.example.com/sales-eu"},
		{Type: "CADR/Sales", SubAccountID: "EU", URL: "https://hooks.example.com/other"},
		{Type: "MSG", SubAccountID: "Caf\u00e9", URL: "https://hooks.example.com/nfc"},
		{Type: "MSG", SubAccountID: "Cafe\u0301", URL: "https://hooks.example.com/nfd", HTTPAuthorization: "Basic c2VjcmV0"},
	})
	config := providerConfig(url) + webhooksConfig(emulator.DefaultAccountID) + fmt.Sprintf(`
data "eightxeight_webhook" "other" {
  account_id     = %[1]q
  type           = "CADR/Sales"
  sub_account_id = "EU"
}
data "eightxeight_webhook" "by_key" {
  account_id = %[1]q
  key        = "CADR%%2FSales/EU"
}
data "eightxeight_webhook" "cafe" {
  account_id     = %[1]q
  type           = "MSG"
  sub_account_id = "Caf\u00e9"
}
`, emulator.DefaultAccountID)
	unitTest(t, nil, resource.TestStep{
		Config: config,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("webhooks"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"key": knownvalue.StringExact("CADR/Sales/EU"), "url": knownvalue.StringExact("https://hooks.example.com/sales-eu")}),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"key": knownvalue.StringExact("CADR%2FSales/EU"), "url": knownvalue.StringExact("https://hooks.example.com/other")}),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"key": knownvalue.StringExact("MSG/Caf\u00e9"), "url": knownvalue.StringExact("https://hooks.example.com/nfc")}),
			})),
			statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("credentials"), knownvalue.MapExact(map[string]knownvalue.Check{
				"CADR/Sales/EU":   secretsCheck("", ""),
				"CADR%2FSales/EU": secretsCheck("", ""),
				"MSG/Caf\u00e9":   secretsCheck("", ""), // the first in the documented order: .../nfc
			})),
			statecheck.ExpectKnownValue("data.eightxeight_webhook.other", tfjsonpath.New("url"), knownvalue.StringExact("https://hooks.example.com/other")),
			statecheck.ExpectKnownValue("data.eightxeight_webhook.other", tfjsonpath.New("key"), knownvalue.StringExact("CADR%2FSales/EU")),
			statecheck.ExpectKnownValue("data.eightxeight_webhook.by_key", tfjsonpath.New("type"), knownvalue.StringExact("CADR/Sales")),
			statecheck.ExpectKnownValue("data.eightxeight_webhook.cafe", tfjsonpath.New("url"), knownvalue.StringExact("https://hooks.example.com/nfc")),
		},
	})
}
