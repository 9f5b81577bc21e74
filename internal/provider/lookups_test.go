package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// urls checks a webhooks list by its URLs, in order.
func urls(addr string, want ...string) statecheck.StateCheck {
	checks := make([]knownvalue.Check, len(want))
	for i, u := range want {
		checks[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"url": knownvalue.StringExact(u)})
	}
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New("webhooks"), knownvalue.ListExact(checks))
}

func TestWebhooks_filters(t *testing.T) {
	_, url := startEmulator(t)
	account := emulator.DefaultAccountID
	config := providerConfig(url) + fmt.Sprintf(`
data "eightxeight_webhooks" "msg" {
  account_id = %[1]q
  type       = "MSG"
}
data "eightxeight_webhooks" "account_wide" {
  account_id     = %[1]q
  sub_account_id = "*"
}
data "eightxeight_webhooks" "disabled" {
  account_id = %[1]q
  enabled    = false
}
data "eightxeight_webhooks" "enabled_marketing_msg" {
  account_id     = %[1]q
  type           = "MSG"
  sub_account_id = "Onion_Marketing"
  enabled        = true
}
data "eightxeight_webhooks" "none" {
  account_id = %[1]q
  type       = "CADR"
  enabled    = false
}
`, account)
	unitTest(t, nil, resource.TestStep{
		Config: config,
		ConfigStateChecks: []statecheck.StateCheck{
			urls("data.eightxeight_webhooks.msg", "http://example.com/dr/general", "http://example.com/dr/sales"),
			urls("data.eightxeight_webhooks.account_wide", "http://example.com/mo/general", "http://example.com/dr/general"),
			urls("data.eightxeight_webhooks.disabled", "http://example.com/mo/general"),
			urls("data.eightxeight_webhooks.enabled_marketing_msg", "http://example.com/dr/sales"),
			urls("data.eightxeight_webhooks.none"),
			statecheck.ExpectKnownValue("data.eightxeight_webhooks.msg", tfjsonpath.New("type"), knownvalue.StringExact("MSG")),
			statecheck.ExpectKnownValue("data.eightxeight_webhooks.msg", tfjsonpath.New("enabled"), knownvalue.Null()),
		},
	})
}

const oneAddr = "data.eightxeight_webhook.test"

func webhookConfig(typ, sub string) string {
	return fmt.Sprintf("data \"eightxeight_webhook\" \"test\" {\n  account_id     = %q\n  type           = %q\n  sub_account_id = %q\n}\n",
		emulator.DefaultAccountID, typ, sub)
}

func TestWebhook_lookup(t *testing.T) {
	_, url := startEmulator(t)
	unitTest(t, nil,
		resource.TestStep{
			Config: providerConfig(url) + webhookConfig("CADR", "Onion_Marketing") + `
# The singular lookup feeding a URL into another resource.
resource "terraform_data" "receiver" {
  input = data.eightxeight_webhook.test.url
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("account_id"), knownvalue.StringExact(emulator.DefaultAccountID)),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("type"), knownvalue.StringExact("CADR")),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("sub_account_id"), knownvalue.StringExact("Onion_Marketing")),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("url"), knownvalue.StringExact("http://example.com/dr/marketing")),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("key"), knownvalue.StringExact("CADR/Onion_Marketing")),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("http_authorization"), knownvalue.Null()),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("has_http_authorization"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("has_oauth"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("oauth"), documentedOAuth),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("oauth_client_secret"), knownvalue.StringExact("***")),
				statecheck.ExpectSensitiveValue(oneAddr, tfjsonpath.New("oauth_client_secret")),
				statecheck.ExpectSensitiveValue(oneAddr, tfjsonpath.New("http_authorization")),
				statecheck.ExpectKnownValue("terraform_data.receiver", tfjsonpath.New("output"), knownvalue.StringExact("http://example.com/dr/marketing")),
			},
		},
		resource.TestStep{
			Config: providerConfig(url) + webhookConfig("MSG", "Onion_Marketing"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("url"), knownvalue.StringExact("http://example.com/dr/sales")),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("http_authorization"), knownvalue.StringExact("***")),
				statecheck.ExpectSensitiveValue(oneAddr, tfjsonpath.New("http_authorization")),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("has_http_authorization"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("oauth"), knownvalue.Null()),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("oauth_client_secret"), knownvalue.Null()),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("has_oauth"), knownvalue.Bool(false)),
			},
		},
		resource.TestStep{
			Config: providerConfig(url) + webhookConfig("CADR", "Onion_Marketting"),
			ExpectError: errorRe("No such webhook", emulator.DefaultAccountID, `no webhook of type "CADR" for sub-account "Onion_Marketting"`,
				`by key ("<type>/<sub_account_id>"):`, `"CABM/*"`, `"CADR/Onion_Marketing"`, `"MSG/*"`, `"MSG/Onion_Marketing"`),
		},
		resource.TestStep{
			Config:      providerConfig(url) + webhookConfig("cadr", "*"),
			ExpectError: errorRe("No such webhook", `type "cadr"`, `"CADR/Onion_Marketing"`),
		},
		resource.TestStep{
			Config: providerConfig(url) + keyConfig("MSG/*"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("type"), knownvalue.StringExact("MSG")),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("sub_account_id"), knownvalue.StringExact("*")),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("url"), knownvalue.StringExact("http://example.com/dr/general")),
			},
		},
		resource.TestStep{
			Config:      providerConfig(url) + keyConfig("MSG/Nobody"),
			ExpectError: errorRe("No such webhook", `no webhook with key "MSG/Nobody"`, `The account's 4 webhooks, by key`, `"MSG/Onion_Marketing"`),
		},
		resource.TestStep{
			Config:      providerConfig(url) + keyConfig("msg/*"),
			ExpectError: errorRe("No such webhook", `no webhook with key "msg/*". Keys, types and sub-accounts match exactly: did you mean "MSG/*"?`),
		},
	)
}

func keyConfig(key string) string {
	return fmt.Sprintf("data \"eightxeight_webhook\" \"test\" {\n  account_id = %q\n  key        = %q\n}\n", emulator.DefaultAccountID, key)
}

// A webhook the API returns without a type is selected by its key,
// "/<sub_account_id>"; its type is null.
func TestWebhook_withoutType(t *testing.T) {
	emu, url := startEmulator(t)
	emu.SetWebhooks(emulator.DefaultAccountID, []emulator.Webhook{
		{SubAccountID: "Onion_Marketing", URL: "https://old.example/hook", HTTPAuthorization: "Basic b2xkOnNlY3JldA=="},
		{Type: "MSG", SubAccountID: "Onion_Marketing", URL: "https://new.example/hook"},
	})
	unitTest(t, nil, resource.TestStep{
		Config: providerConfig(url) + keyConfig("/Onion_Marketing"),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("key"), knownvalue.StringExact("/Onion_Marketing")),
			statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("type"), knownvalue.Null()),
			statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("sub_account_id"), knownvalue.StringExact("Onion_Marketing")),
			statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("url"), knownvalue.StringExact("https://old.example/hook")),
			statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("http_authorization"), knownvalue.StringExact("***")),
			statecheck.ExpectSensitiveValue(oneAddr, tfjsonpath.New("http_authorization")),
		},
	})
}

func TestWebhook_emptyAccountAndBadInput(t *testing.T) {
	emu, url := startEmulator(t)
	emu.SetWebhooks(emulator.DefaultAccountID, nil)
	unitTest(t, nil,
		resource.TestStep{
			Config:      providerConfig(url) + webhookConfig("MSG", "*"),
			ExpectError: errorRe("No such webhook", "The account has no webhooks at all."),
		},
		resource.TestStep{
			Config:      providerConfig(url) + webhookConfig("", "*"),
			ExpectError: errorRe("Invalid Attribute Value Length", "type"),
		},
		resource.TestStep{
			Config:      providerConfig(url) + strings.Replace(webhookConfig("MSG", "*"), emulator.DefaultAccountID, "nope", 1),
			ExpectError: errorRe("account_id"),
		},
		resource.TestStep{
			Config:      providerConfig(url) + fmt.Sprintf("data \"eightxeight_webhook\" \"test\" {\n  account_id = %q\n}\n", emulator.DefaultAccountID),
			ExpectError: errorRe("Select one webhook", `Nothing selects the webhook. Set key (e.g. key = "CADR/Onion_Marketing"), or type and sub_account_id`),
		},
		resource.TestStep{
			Config:      providerConfig(url) + strings.Replace(keyConfig("MSG/*"), "key ", "type = \"MSG\"\n  key ", 1),
			ExpectError: errorRe("Select one webhook", "key selects the webhook on its own: remove type and sub_account_id, or remove key."),
		},
		resource.TestStep{
			Config:      providerConfig(url) + fmt.Sprintf("data \"eightxeight_webhook\" \"test\" {\n  account_id = %q\n  sub_account_id = \"*\"\n}\n", emulator.DefaultAccountID),
			ExpectError: errorRe("Select one webhook", `sub_account_id selects the webhook together with type: set type as well, or set key instead (e.g. key = "CADR/*").`),
		},
		resource.TestStep{
			Config:      providerConfig(url) + fmt.Sprintf("data \"eightxeight_webhook\" \"test\" {\n  account_id = %q\n  type = \"MSG\"\n}\n", emulator.DefaultAccountID),
			ExpectError: errorRe("Select one webhook", `type selects the webhook together with sub_account_id: set sub_account_id as well`),
		},
		resource.TestStep{
			Config:      providerConfig(url) + keyConfig("CADR"),
			ExpectError: errorRe("Invalid Attribute Value Match", "key", `must be "<type>/<sub_account_id>"`),
		},
	)
}

// One Terraform command reads each account once, however many data sources
// read it: 20 data sources on one account make 1 request, and a second
// account makes a second. Run with a real build through one terraform plan.
func TestRequestSharing_oneRequestPerAccountPerCommand(t *testing.T) {
	const other = "0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d"
	emu, url, h := realCLI(t)
	emu.SetWebhooks(other, emulator.Generate(30))

	var b strings.Builder
	b.WriteString(requiredProviders + "provider \"eightxeight\" {}\n")
	for i := range 20 { // every kind of read of one account, dashed and undashed ids
		id := emulator.DefaultAccountID
		if i%2 == 1 {
			id = strings.ReplaceAll(id, "-", "")
		}
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "data \"eightxeight_webhooks\" \"d%d\" {\n  account_id = %q\n}\n", i, id)
		case 1:
			fmt.Fprintf(&b, "data \"eightxeight_webhooks\" \"d%d\" {\n  account_id = %q\n  type = \"MSG\"\n}\n", i, id)
		case 2:
			fmt.Fprintf(&b, "data \"eightxeight_webhook\" \"d%d\" {\n  account_id = %q\n  type = \"MSG\"\n  sub_account_id = \"*\"\n}\n", i, id)
		case 3:
			fmt.Fprintf(&b, "data \"eightxeight_webhooks\" \"d%d\" {\n  account_id = %q\n  enabled = false\n}\n", i, id)
		}
	}
	oneAccount := b.String()
	twoAccounts := oneAccount + fmt.Sprintf("data \"eightxeight_webhooks\" \"other\" {\n  account_id = %q\n}\n", other) +
		fmt.Sprintf("data \"eightxeight_webhook\" \"other\" {\n  account_id = %q\n  type = \"CADR\"\n  sub_account_id = \"sub-00001\"\n}\n", other)
	env := h.Env("EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey, "EIGHTXEIGHT_BASE_URL="+url)

	for _, tc := range []struct {
		name   string
		config string
		want   int
	}{{"one account", oneAccount, 1}, {"two accounts", twoAccounts, 2}} {
		work, err := h.Workspace("", map[string]string{"main.tf": tc.config})
		if err != nil {
			t.Fatal(err)
		}
		emu.ResetRequests()
		if _, _, err := h.Run(work, env, "plan", "-input=false", "-no-color"); err != nil {
			t.Fatal(err)
		}
		if n := emu.RequestCount(); n != tc.want {
			t.Errorf("%s: one terraform plan made %d requests, want %d", tc.name, n, tc.want)
		}
	}
}

// Concurrent reads share one request; a failed read is not kept, so the
// next read asks the API again.
func TestReader_coalescesAndDoesNotKeepErrors(t *testing.T) {
	emu := emulator.New()
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{BaseURL: srv.URL, APIKey: emulator.DefaultAPIKey, MaxRetries: 0})
	if err != nil {
		t.Fatal(err)
	}
	r := newReader(c)
	emu.Script(emulator.ErrorResponse(500, emulator.CodeInternal, "boom"))
	if _, err := r.webhooks(context.Background(), emulator.DefaultAccountID); err == nil {
		t.Fatal("want the scripted 500")
	}
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			if hooks, err := r.webhooks(context.Background(), emulator.DefaultAccountID); err != nil || len(hooks) != 4 {
				t.Errorf("%v %v", hooks, err)
			}
		})
	}
	wg.Wait()
	if n := emu.RequestCount(); n != 2 {
		t.Errorf("%d requests; want the failed one and one shared by 16 readers", n)
	}
}

// A filter value that no webhook of the account has (a typo, most often)
// warns and names the values the account does have; enabled = false
// matching nothing stays silent.
func TestWebhooks_filterTypoWarns(t *testing.T) {
	_, url, h := realCLI(t)
	config := requiredProviders + "provider \"eightxeight\" {}\n" + fmt.Sprintf(`
data "eightxeight_webhooks" "typo" {
  account_id = %[1]q
  type       = "msg"
}
data "eightxeight_webhooks" "unknown_sub" {
  account_id     = %[1]q
  sub_account_id = "Nobody"
}
data "eightxeight_webhooks" "none_disabled" {
  account_id = %[1]q
  type       = "MSG"
  enabled    = false
}
output "n" {
  value = [length(data.eightxeight_webhooks.typo.webhooks), length(data.eightxeight_webhooks.unknown_sub.webhooks), length(data.eightxeight_webhooks.none_disabled.webhooks)]
}
`, emulator.DefaultAccountID)
	work, err := h.Workspace("", map[string]string{"main.tf": config})
	if err != nil {
		t.Fatal(err)
	}
	// -json: the human output folds similar warnings into one.
	stdout, stderr, err := h.Run(work, h.Env("EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey, "EIGHTXEIGHT_BASE_URL="+url), "plan", "-input=false", "-json")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	warnings := map[string]string{} // by address; the CLI's own (dev_overrides) have none
	for _, line := range strings.Split(string(stdout), "\n") {
		var msg struct {
			Diagnostic struct {
				Severity, Summary, Detail, Address string
			} `json:"diagnostic"`
		}
		if json.Unmarshal([]byte(line), &msg) == nil && msg.Diagnostic.Severity == "warning" && msg.Diagnostic.Address != "" {
			d := msg.Diagnostic
			warnings[d.Address] = d.Summary + ": " + d.Detail
		}
	}
	want := map[string]string{
		"data.eightxeight_webhooks.typo": "Filter matches no webhook of the account: Account " + emulator.DefaultAccountID +
			` has no webhook with type = "msg", so no webhook matches and the list is empty. Filters match exactly: did you mean "MSG"? ` +
			`The account's webhooks have these type values: "CABM", "CADR", "MSG".`,
		"data.eightxeight_webhooks.unknown_sub": "Filter matches no webhook of the account: Account " + emulator.DefaultAccountID +
			` has no webhook with sub_account_id = "Nobody", so no webhook matches and the list is empty. ` +
			`The account's webhooks have these sub-account values: "*", "Onion_Marketing".`,
	}
	if !maps.Equal(warnings, want) {
		t.Errorf("warnings\n%q\nwant (enabled = false matching nothing is silent)\n%q", warnings, want)
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
