package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

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
		Config: providerConfig(url) + webhookConfig("CADR", "Onion_Marketing"),
		ExpectError: errorRe("No such webhook", `Account `+emulator.DefaultAccountID+` has no webhook of type "CADR" for sub-account `+
			`"Onion_Marketing". The account has a webhook of sub-account "Onion_Marketing" without a type: select it with key = "/Onion_Marketing".`),
	}, resource.TestStep{
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
			Config: providerConfig(url) + strings.Replace(webhookConfig("MSG", "*"), emulator.DefaultAccountID, "nope", 1),
			ExpectError: errorRe("Invalid account_id", `The value is not an 8x8 account id: it has 4 characters, and its character 1, "n", `+
				`cannot be in one; write a UUID, 32 hexadecimal digits with optional dashes, such as "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"`),
		},
		resource.TestStep{ // as read with file(): a line break at the end
			Config: providerConfig(url) + strings.Replace(webhookConfig("MSG", "*"), emulator.DefaultAccountID, emulator.DefaultAccountID+`\n`, 1),
			ExpectError: errorRe("Invalid account_id", `"`+emulator.DefaultAccountID+`\n" is not an 8x8 account id: it ends with a line break; `+
				`remove the white space around it, for example with trimspace(...)`),
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
			Config: providerConfig(url) + fmt.Sprintf("data \"eightxeight_webhook\" \"test\" {\n  account_id = %q\n  sub_account_id = \"*\"\n}\n", emulator.DefaultAccountID),
			ExpectError: errorRe("Select one webhook", `sub_account_id selects the webhook together with type: set type as well (e.g. `+
				`type = "CADR"), or, for the webhook of this sub-account that has no type, set key = "/*" instead of sub_account_id.`),
		},
		resource.TestStep{ // the key suggested is an HCL string that reads back as the key
			Config: providerConfig(url) + fmt.Sprintf("data \"eightxeight_webhook\" \"test\" {\n  account_id = %q\n  sub_account_id = %s\n}\n",
				emulator.DefaultAccountID, `"Q\"$${x}\\"`),
			ExpectError: errorRe("Select one webhook", `set key = "/Q\"$${x}\\" instead of sub_account_id.`),
		},
		resource.TestStep{
			Config:      providerConfig(url) + fmt.Sprintf("data \"eightxeight_webhook\" \"test\" {\n  account_id = %q\n  type = \"MSG\"\n}\n", emulator.DefaultAccountID),
			ExpectError: errorRe("Select one webhook", `type selects the webhook together with sub_account_id: set sub_account_id as well`),
		},
		resource.TestStep{
			Config:      providerConfig(url) + keyConfig("CADR"),
			ExpectError: errorRe("Invalid key", `"CADR" is not a webhook key: it has no "/". A key is "<type>/<sub_account_id>"`),
		},
	)
}

// Every key and value the error offers for pasting into a configuration is
// an HCL string that reads back as itself: a sub-account holding ${ or %{
// (a template sequence in HCL) or a quote, in the key asked for, the key
// that differs only in case, the typeless webhook's key and the list.
func TestNoSuchWebhook_keysAreHCLStrings(t *testing.T) {
	hooks := []client.Webhook{{Type: "MSG", SubAccountID: "Team ${x}"}, {SubAccountID: `Q"%{y}`}, {Type: "CADR", SubAccountID: "*"}}
	for _, tc := range []struct {
		what, want, detail string
	}{
		{`with key "msg/Team $${x}"`, "msg/Team ${x}", "Account " + emulator.DefaultAccountID + ` has no webhook with key "msg/Team $${x}". ` +
			`Keys, types and sub-accounts match exactly: did you mean "MSG/Team $${x}"?` + "\n\n" +
			"The account's 3 webhooks, by key (\"<type>/<sub_account_id>\"):\n" + `  "MSG/Team $${x}"` + "\n" + `  "/Q\"%%{y}"` + "\n" + `  "CADR/*"`},
		{`of type "CADR" for sub-account "Q\"%%{y}"`, `CADR/Q"%{y}`, "Account " + emulator.DefaultAccountID + ` has no webhook of type "CADR" ` +
			`for sub-account "Q\"%%{y}". The account has a webhook of sub-account "Q\"%%{y}" without a type: select it with key = "/Q\"%%{y}".` + "\n\n" +
			"The account's 3 webhooks, by key (\"<type>/<sub_account_id>\"):\n" + `  "MSG/Team $${x}"` + "\n" + `  "/Q\"%%{y}"` + "\n" + `  "CADR/*"`},
	} {
		typ, sub, _ := strings.Cut(tc.want, "/")
		what, want := selection(nil, &typ, &sub)
		if strings.HasPrefix(tc.what, "with key") {
			what, want = selection(&tc.want, nil, nil)
		}
		if what != tc.what || want != tc.want {
			t.Errorf("selection: %q, %q; want %q, %q", what, want, tc.what, tc.want)
		}
		if got := noSuchWebhook(emulator.DefaultAccountID, what, want, hooks); got != tc.detail {
			t.Errorf("got\n%s\nwant\n%s", got, tc.detail)
		}
	}
}

// A key that is not one is quoted only when it looks like a type given
// alone ("CADR") or with nothing after the "/": any other value (the API
// key, mistaken for key, say) is described by its length.
func TestKeyValidator_messages(t *testing.T) {
	const shape = `A key is "<type>/<sub_account_id>", e.g. "CADR/Onion_Marketing", "MSG/*", or "/Onion_Marketing" for a webhook without a type.`
	for value, want := range map[string]string{
		"CADR/Onion_Marketing": "",
		"/x":                   "",
		"CADR":                 `Error: Invalid key: "CADR" is not a webhook key: it has no "/". ` + shape + "\n",
		"CADR/":                `Error: Invalid key: "CADR/" is not a webhook key: nothing follows the "/". ` + shape + "\n",
		"q7XkAbCdEfGhIjKlMnOpQrStUvWxsGa2": `Error: Invalid key: The value (32 characters) is not a webhook key: it has no "/". ` + shape +
			" key selects a webhook of the account; the 8x8 API key is api_key, in the provider block.\n",
		"q7XkAbCdEfGhIjKl/": `Error: Invalid key: The value (17 characters) is not a webhook key: nothing follows the "/". ` + shape +
			" key selects a webhook of the account; the 8x8 API key is api_key, in the provider block.\n",
	} {
		var resp validator.StringResponse
		keyValidator{}.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("key"), ConfigValue: types.StringValue(value)}, &resp)
		if got := diagnosticsText(resp.Diagnostics); got != want {
			t.Errorf("%q:\ngot  %s\nwant %s", value, got, want)
		}
	}
}

// A key (or type) asked for whose type does not look like one (the API
// key mistaken for key, which may well hold a "/") is not shown in the
// error: it is described by its length. A key with a type that looks like
// one, or none, is shown as an HCL string.
func TestSelection_notAKeyNeverShown(t *testing.T) {
	for _, tc := range []struct {
		key, typ, sub *string
		what          string
	}{
		{key: ptr("q7XkAb3/CdEfGhIjKlMnOpQrStUvWxsGa2"), what: "with the key given (34 characters, not shown: what stands before its \"/\" is no webhook type)"},
		{key: ptr("/Sales"), what: `with key "/Sales"`},
		{key: ptr("cadr/Sales"), what: `with key "cadr/Sales"`},
		{typ: ptr("q7XkAbCdEfGhIjKl"), sub: ptr("*"), what: `of the type given (16 characters, not shown: it is no webhook type) for sub-account "*"`},
		{typ: ptr("CADR"), sub: ptr("Sales"), what: `of type "CADR" for sub-account "Sales"`},
	} {
		if what, _ := selection(tc.key, tc.typ, tc.sub); what != tc.what {
			t.Errorf("got  %s\nwant %s", what, tc.what)
		}
	}
}

func ptr(s string) *string { return &s }
