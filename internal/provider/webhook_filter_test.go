package provider

import (
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/client/baseurltest"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

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

// urls checks a webhooks list by its URLs, in order.
func urls(addr string, want ...string) statecheck.StateCheck {
	checks := make([]knownvalue.Check, len(want))
	for i, u := range want {
		checks[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"url": knownvalue.StringExact(u)})
	}
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New("webhooks"), knownvalue.ListExact(checks))
}

// A webhook without a type (8x8 allows it) is counted as having none in
// the typo warning, not listed as the type "".
func TestWarnUnmatched_webhooksWithoutType(t *testing.T) {
	typ := "msg"
	prefix := "[type] Filter matches no webhook of the account: Account " + emulator.DefaultAccountID +
		` has no webhook with type = "msg", so no webhook matches and the list is empty. `
	for _, tc := range []struct {
		hooks []client.Webhook
		want  string
	}{
		{[]client.Webhook{{SubAccountID: "Legacy"}, {Type: "MSG", SubAccountID: "*"}, {SubAccountID: "Old"}},
			prefix + `Filters match exactly: did you mean "MSG"? The account's webhooks have these type values: "MSG"; 2 webhooks have no type.`},
		{[]client.Webhook{{SubAccountID: "Legacy"}, {Type: "CADR", SubAccountID: "*"}},
			prefix + `The account's webhooks have these type values: "CADR"; 1 webhook has no type.`},
		{[]client.Webhook{{SubAccountID: "Legacy"}},
			prefix + `No webhook of the account has a type.`},
	} {
		var diags diag.Diagnostics
		webhookFilter{Type: &typ}.warnUnmatched(emulator.DefaultAccountID, tc.hooks, &diags)
		var got []string
		for _, d := range diags {
			p := ""
			if wp, ok := d.(diag.DiagnosticWithPath); ok {
				p = "[" + wp.Path().String() + "] "
			}
			got = append(got, p+d.Summary()+": "+d.Detail())
		}
		if strings.Join(got, "\n") != tc.want {
			t.Errorf("%v:\ngot  %q\nwant %q", tc.hooks, got, tc.want)
		}
	}
}

// The values the warning offers for pasting (the match that differs only
// in case, the account's values) and the value filtered on are HCL strings
// that read back as themselves: ${ and %{ are doubled, quotes escaped.
func TestWarnUnmatched_valuesAreHCLStrings(t *testing.T) {
	sub := "team ${x}"
	hooks := []client.Webhook{{Type: "MSG", SubAccountID: "Team ${x}"}, {Type: "CADR", SubAccountID: `Q"%{y}`}}
	var diags diag.Diagnostics
	webhookFilter{SubAccountID: &sub}.warnUnmatched(emulator.DefaultAccountID, hooks, &diags)
	want := "Account " + emulator.DefaultAccountID + ` has no webhook with sub_account_id = "team $${x}", so no webhook matches and the list ` +
		`is empty. Filters match exactly: did you mean "Team $${x}"? The account's webhooks have these sub-account values: "Q\"%%{y}", "Team $${x}".`
	if len(diags) != 1 || diags[0].Detail() != want {
		t.Errorf("got %v\nwant %s", diags, want)
	}
	diags = nil
	webhookFilter{SubAccountID: &sub}.warnUnmatched(emulator.DefaultAccountID, nil, &diags)
	want = "Account " + emulator.DefaultAccountID + ` has no webhooks at all, so no webhook matches sub_account_id = "team $${x}" and the list is empty.`
	if len(diags) != 1 || diags[0].Detail() != want {
		t.Errorf("got %v\nwant %s", diags, want)
	}
}

// The account's values stay data (not masked) in the warning, but nothing
// in them that does not print reaches a terminal as itself: the client
// refuses control characters when it decodes the list (TestLogs_serverTextIsSanitised:
// "type holds a control character"), and the HCL quoting escapes format
// characters such as a right-to-left override, which the API may send.
func TestWarnUnmatched_formatCharactersEscaped(t *testing.T) {
	typ := "msg"
	hooks := []client.Webhook{{Type: "MSG\u202egpj.exe", SubAccountID: "*"}, {Type: "CADR\U000E0041", SubAccountID: "*"}}
	var diags diag.Diagnostics
	webhookFilter{Type: &typ}.warnUnmatched(emulator.DefaultAccountID, hooks, &diags)
	want := "Account " + emulator.DefaultAccountID + ` has no webhook with type = "msg", so no webhook matches and the list is empty. ` +
		`The account's webhooks have these type values: "CADR\U000E0041", "MSG\u202Egpj.exe".`
	if len(diags) != 1 || diags[0].Detail() != want {
		t.Errorf("got %v\nwant %s", diags, want)
	}
}

// A type filter that does not look like a type is not shown in the
// warning: it is described by its length.
func TestWarnUnmatched_typeNotShownUnlessTypeLike(t *testing.T) {
	typ := "q7XkAbCdEfGhIjKl"
	var diags diag.Diagnostics
	webhookFilter{Type: &typ}.warnUnmatched(emulator.DefaultAccountID, []client.Webhook{{Type: "MSG", SubAccountID: "*"}}, &diags)
	want := "Account " + emulator.DefaultAccountID + ` has no webhook with the type given (16 characters, not shown: it is no webhook type), ` +
		`so no webhook matches and the list is empty. The account's webhooks have these type values: "MSG".`
	if len(diags) != 1 || diags[0].Detail() != want {
		t.Errorf("got %v\nwant %s", diags, want)
	}
}

// No API key (8 characters or more, any alphabet) looks like a type; the
// types 8x8 sends, and a typo of one, do.
func TestTypeLike_keysNeverTypes(t *testing.T) {
	for _, key := range baseurltest.RandomKeys(50) {
		if typeLike(key) {
			t.Fatalf("%q looks like a type", key)
		}
	}
	for _, typ := range []string{"CADR", "MSG", "CABM", "cadr", "CARD", "WAPP2", ""} {
		if !typeLike(typ) {
			t.Errorf("%q does not look like a type", typ)
		}
	}
}
