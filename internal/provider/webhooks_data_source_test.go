package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

const listAddr = "data.eightxeight_webhooks.test"

func TestWebhooks_documentedExample(t *testing.T) {
	_, url := startEmulator(t)
	unitTest(t, nil, resource.TestStep{
		Config: providerConfig(url) + webhooksConfig(emulator.DefaultAccountID),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("account_id"), knownvalue.StringExact(emulator.DefaultAccountID)),
			statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("webhooks"), knownvalue.ListExact([]knownvalue.Check{
				webhookCheck("CABM", "*", "http://example.com/mo/general", false, false, nil),
				webhookCheck("CADR", "Onion_Marketing", "http://example.com/dr/marketing", true, false, documentedOAuth),
				webhookCheck("MSG", "*", "http://example.com/dr/general", true, false, nil),
				webhookCheck("MSG", "Onion_Marketing", "http://example.com/dr/sales", true, true, nil),
			})),
			statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("credentials"), knownvalue.MapExact(map[string]knownvalue.Check{
				"CABM/*":               secretsCheck("", ""),
				"CADR/Onion_Marketing": secretsCheck("", "***"),
				"MSG/*":                secretsCheck("", ""),
				"MSG/Onion_Marketing":  secretsCheck("***", ""),
			})),
			statecheck.ExpectSensitiveValue(listAddr, tfjsonpath.New("credentials")),
		},
	})
}

func TestWebhooks_emptyAccount(t *testing.T) {
	emu, url := startEmulator(t)
	emu.SetWebhooks(emulator.DefaultAccountID, nil)
	unitTest(t, nil, resource.TestStep{
		Config: providerConfig(url) + webhooksConfig(emulator.DefaultAccountID),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("webhooks"), knownvalue.ListExact([]knownvalue.Check{})),
		},
	})
}

// An account id without dashes reads the same account.
func TestWebhooks_undashedAccountID(t *testing.T) {
	_, url := startEmulator(t)
	undashed := strings.ReplaceAll(emulator.DefaultAccountID, "-", "")
	unitTest(t, nil, resource.TestStep{
		Config: providerConfig(url) + webhooksConfig(undashed),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("webhooks"), knownvalue.ListSizeExact(4)),
		},
	})
}

func TestWebhooks_unknownFieldsAndTypes(t *testing.T) {
	emu, url := startEmulator(t)
	emu.SetWebhooks(emulator.DefaultAccountID, []emulator.Webhook{
		{Type: "WAPP2", SubAccountID: "b", URL: "https://x.example/2", Enabled: emulator.Bool(true),
			Extra: map[string]any{"version": 2, "httpContenttype": "application/json", "nested": map[string]any{"a": []int{1}}}},
		{SubAccountID: "a", URL: "https://x.example/1", HTTPAuthorization: "Bearer secret-one"}, // no type, no enabled
		{Type: "CADR", SubAccountID: "*", URL: "https://x.example/0", Enabled: emulator.Bool(false),
			OAuth: &emulator.OAuth{URL: "https://auth.example/t", ClientID: "id", ClientSecret: "s", CredentialsLocation: "body"}},
	})
	unitTest(t, nil, resource.TestStep{
		Config: providerConfig(url) + webhooksConfig(emulator.DefaultAccountID),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("webhooks"), knownvalue.ListExact([]knownvalue.Check{
				webhookCheck("", "a", "https://x.example/1", true, true, nil),
				webhookCheck("CADR", "*", "https://x.example/0", false, false, knownvalue.ObjectExact(map[string]knownvalue.Check{
					"url": knownvalue.StringExact("https://auth.example/t"), "client_id": knownvalue.StringExact("id"),
					"credentials_location": knownvalue.StringExact("body"), "scope": knownvalue.Null(),
				})),
				webhookCheck("WAPP2", "b", "https://x.example/2", true, false, nil),
			})),
			statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("credentials"), knownvalue.MapExact(map[string]knownvalue.Check{
				"/a":      secretsCheck("***", ""),
				"CADR/*":  secretsCheck("", "***"),
				"WAPP2/b": secretsCheck("", ""),
			})),
		},
	})
}

func TestWebhooks_invalidAccountIDsMakeNoRequest(t *testing.T) {
	emu, url := startEmulator(t)
	var steps []resource.TestStep
	for _, id := range []string{
		"3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7",    // 31 hex digits
		"3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7fa",  // 37 characters
		"zz2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f",   // not hex
		"3f2a9c1e_7b4d_4e8a_9f6b_2c5d8e1a4b7f",   // wrong separator
		"../../admin/3f2a9c1e7b4d4e8a9f6b2c5d8e", // path traversal
		"",
	} {
		steps = append(steps, resource.TestStep{
			Config:      providerConfig(url) + webhooksConfig(id),
			ExpectError: errorRe(`Invalid account_id`, `is not an 8x8 account id`),
		})
	}
	t.Cleanup(func() {
		if n := emu.RequestCount(); n != 0 {
			t.Errorf("invalid account ids must be refused before any request; the emulator saw %d", n)
		}
	})
	unitTest(t, nil, steps...)
}

func TestWebhooks_apiErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		script  []emulator.Response
		key     string
		account string
		want    []string
	}{
		"400": {
			script: []emulator.Response{emulator.ErrorResponse(400, 1000, "Invalid parameter")},
			want:   []string{"returned HTTP 400 Bad Request", "8x8 error code: 1000", "Invalid parameter", "errorId:", "check account_id"},
		},
		"401 wrong key": {
			key:  "wrong-key-5c1d",
			want: []string{"returned HTTP 401 Unauthorized", "8x8 error code: 1200", "Request was not authenticated properly", "errorId:", "Check api_key", "region"},
		},
		"403": {
			script: []emulator.Response{emulator.ErrorResponse(403, 1201, "Forbidden: IP address not allowed")},
			want:   []string{"returned HTTP 403 Forbidden", "8x8 error code: 1201", "IP address not allowed", "IP allow-list"},
		},
		"404 unknown account": {
			account: "00000000-0000-4000-8000-000000000000",
			want:    []string{"returned HTTP 404 Not Found", "8x8 error code: 1300", "Account not found", "Check account_id", "region"},
		},
		"500": {
			script: []emulator.Response{emulator.ErrorResponse(500, 2000, "Internal server error")},
			want:   []string{"returned HTTP 500 Internal Server Error", "8x8 error code: 2000", "Internal server error", "errorId:", "8x8 support"},
		},
		"502 from a proxy": {
			script: []emulator.Response{{Status: 502, Header: map[string][]string{"Content-Type": {"text/html"}}, Body: "<html><body><h1>502 Bad Gateway</h1></body></html>"}},
			want:   []string{"returned HTTP 502 Bad Gateway", "not an 8x8 error", "text/html", "<h1>502 Bad Gateway</h1>"},
		},
	} {
		t.Run(name, func(t *testing.T) {
			emu, url := startEmulator(t)
			emu.Script(tc.script...)
			config := providerConfig(url, "max_retries = 0")
			if tc.key != "" {
				config = strings.Replace(config, emulator.DefaultAPIKey, tc.key, 1)
			}
			account := emulator.DefaultAccountID
			if tc.account != "" {
				account = tc.account
			}
			unitTest(t, nil, resource.TestStep{
				Config:      config + webhooksConfig(account),
				ExpectError: errorRe(tc.want...),
			})
		})
	}
}

// A base_url with a path keeps it in front of /api/v1, and a 404 names the
// whole URL called and the prefix, instead of blaming account_id alone.
func TestWebhooks_baseURLPathPrefix(t *testing.T) {
	emu, url := startEmulator(t)
	path := "/api/v1/accounts/" + emulator.DefaultAccountID + "/webhooks"
	unitTest(t, nil,
		resource.TestStep{ // /api/v1 at the end of base_url is recognized, not doubled
			Config:            providerConfig(url+"/api/v1/") + webhooksConfig(emulator.DefaultAccountID),
			ConfigStateChecks: readsFourWebhooks,
		},
		resource.TestStep{
			Config: providerConfig(url+"/gateway") + webhooksConfig(emulator.DefaultAccountID),
			ExpectError: errorRe("8x8 API error: GET "+url+"/gateway"+path+" returned HTTP 404 Not Found",
				`Check the path prefix "/gateway" of base_url: the provider called `+url+"/gateway"+path+
					", keeping the prefix in front of /api/v1. Then check account_id, and that base_url leads to the account's region."),
		})
	t.Cleanup(func() {
		for _, r := range emu.Requests() {
			if r.Path != path && r.Path != "/gateway"+path {
				t.Errorf("request to %s", r.Path)
			}
		}
	})
}

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

// A wrong account_id gets one error, on either data source, saying where a
// stray space or line break is (quoting an id-like value, never another
// one: an API key given as the account id) and what to write.
func TestAccountID_oneErrorSayingWhatToWrite(t *testing.T) {
	ctx := context.Background()
	const id = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
	const write = `write a UUID, 32 hexadecimal digits with optional dashes, such as "` + id + `"` + "\n"
	const trim = `remove the white space around it, for example with trimspace(...)` + "\n"
	cases := map[string]string{
		id:                              "",
		strings.ReplaceAll(id, "-", ""): "",
		strings.ToUpper(id):             "",
		" " + id + "  ":                 `Error: Invalid account_id: " ` + id + `  " is not an 8x8 account id: it starts with a space and ends with 2 spaces; ` + trim,
		id + "\n":                       `Error: Invalid account_id: "` + id + `\n" is not an 8x8 account id: it ends with a line break; ` + trim,
		"\t" + strings.ReplaceAll(id, "-", "") + "\r\n": `Error: Invalid account_id: "\t` + strings.ReplaceAll(id, "-", "") + `\r\n" is not an 8x8 account id: ` +
			`it starts with a tab and ends with a carriage return and a line break; ` + trim,
		strings.ReplaceAll(id, "-", " "): `Error: Invalid account_id: "` + strings.ReplaceAll(id, "-", " ") + `" is not an 8x8 account id: ` +
			`it holds 4 white-space characters, the first a space at character 9; remove the white space in it` + "\n",
		"{" + id + "}":                     `Error: Invalid account_id: "{` + id + `}" is not an 8x8 account id: remove the braces around it` + "\n",
		"\u200b" + id:                      `Error: Invalid account_id: The value is not an 8x8 account id: it has 37 characters, and its character 1 is an invisible one, U+200B (zero-width space); remove it (most editors do not show it)` + "\n",
		"acme":                             `Error: Invalid account_id: The value is not an 8x8 account id: it has 4 characters, and its character 3, "m", cannot be in one; ` + write,
		"":                                 `Error: Invalid account_id: "" is not an 8x8 account id: it has 0 hexadecimal digits, not 32; ` + write,
		" acme ":                           `Error: Invalid account_id: The value is not an 8x8 account id: it has 6 characters, and its character 1 is a space (U+0020); ` + write,
		id + "0":                           `Error: Invalid account_id: "` + id + `0" is not an 8x8 account id: it has 33 hexadecimal digits, not 32; ` + write,
		strings.Replace(id, "f", "g", 1):   `Error: Invalid account_id: The value is not an 8x8 account id: it has 36 characters, and its character 2, "g", cannot be in one; ` + write,
		"q7XkAbCdEfGhIjKlMnOpQrStUvWxsGa2": `Error: Invalid account_id: The value is not an 8x8 account id: it has 32 characters, and its character 1, "q", cannot be in one; ` + write,
	}
	for _, ds := range []datasource.DataSource{NewWebhooksDataSource(), NewWebhookDataSource()} {
		var schemaResp datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &schemaResp)
		attr, ok := schemaResp.Schema.Attributes["account_id"].(schema.StringAttribute)
		if !ok {
			t.Fatalf("%T: account_id is a %T", ds, schemaResp.Schema.Attributes["account_id"])
		}
		for value, want := range cases {
			var diags diag.Diagnostics
			for _, v := range attr.Validators {
				var resp validator.StringResponse
				v.ValidateString(ctx, validator.StringRequest{Path: path.Root("account_id"), ConfigValue: types.StringValue(value)}, &resp)
				diags.Append(resp.Diagnostics...)
			}
			if got := diagnosticsText(diags); got != want {
				t.Errorf("%T, account_id %q:\ngot  %q\nwant %q", ds, value, got, want)
			}
		}
	}
}
