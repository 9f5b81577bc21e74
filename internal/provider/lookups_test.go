package provider

import (
	"context"
	"fmt"
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
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("http_authorization"), knownvalue.Null()),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("has_http_authorization"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("has_oauth"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("oauth"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"url":                  knownvalue.StringExact("https://auth.example.com/oauth/token"),
					"client_id":            knownvalue.StringExact("my-client-id"),
					"client_secret":        knownvalue.StringExact("***"),
					"credentials_location": knownvalue.StringExact("header"),
					"scope":                knownvalue.StringExact("read write"),
				})),
				statecheck.ExpectSensitiveValue(oneAddr, tfjsonpath.New("oauth").AtMapKey("client_secret")),
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
				statecheck.ExpectKnownValue(oneAddr, tfjsonpath.New("has_oauth"), knownvalue.Bool(false)),
			},
		},
		resource.TestStep{
			Config: providerConfig(url) + webhookConfig("CADR", "Onion_Marketting"),
			ExpectError: errorRe("No such webhook", emulator.DefaultAccountID, `no webhook of type "CADR" for sub-account "Onion_Marketting"`,
				"(CABM, *)", "(CADR, Onion_Marketing)", "(MSG, *)", "(MSG, Onion_Marketing)"),
		},
		resource.TestStep{
			Config:      providerConfig(url) + webhookConfig("cadr", "*"),
			ExpectError: errorRe("No such webhook", `type "cadr"`, "(CADR, Onion_Marketing)"),
		},
	)
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
	r := newReader(c, emulator.DefaultAPIKey)
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
