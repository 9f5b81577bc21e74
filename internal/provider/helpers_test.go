package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator/emulatortest"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/fastpath"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/tfharness"
)

// The helpers the tests of this package share; a helper one file uses
// stays in that file.

// testEnv is a fake environment for providers under test, so that a
// developer's own EIGHTXEIGHT_* variables never leak into a test.
type testEnv map[string]string

func (e testEnv) get(name string) string { return e[name] }

// factories serves the provider in-process, through the same protocol
// server as the release binary, to the real Terraform CLI that
// terraform-plugin-testing drives. env replaces the process environment.
func factories(env testEnv) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		TypeName: func() (tfprotov6.ProviderServer, error) { return newServer(testProvider(env)), nil },
	}
}

// testProvider is a provider under test: env replaces the process
// environment, and retries go at once (the waits the policy computes are
// asserted by TestFaults_retriedUntilSuccess and internal/client's tests).
func testProvider(env testEnv) *Provider {
	p := New("test", env.get)
	p.clientConfig = func(cfg *client.Config) { cfg.RetryWait = func(int, time.Duration) time.Duration { return 0 } }
	return p
}

// newServer is p's protocol server as the release binary serves it
// (main.go).
func newServer(p *Provider) tfprotov6.ProviderServer {
	return fastpath.NewServer(p)
}

// startEmulator serves a fresh emulator for one test.
func startEmulator(t *testing.T) (*emulator.Emulator, string) { return emulatortest.NewServer(t) }

// providerConfig is a provider block for the emulator at baseURL.
func providerConfig(baseURL string, extra ...string) string {
	return fmt.Sprintf("provider %q {\n  base_url = %q\n  api_key  = %q\n%s}\n",
		TypeName, baseURL, emulator.DefaultAPIKey, indent(extra))
}

func indent(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("  " + l + "\n")
	}
	return b.String()
}

// webhooksConfig reads one account through the list data source.
func webhooksConfig(accountID string) string {
	return fmt.Sprintf("data \"eightxeight_webhooks\" \"test\" {\n  account_id = %q\n}\n", accountID)
}

// unitTest runs steps through the real Terraform CLI, in parallel with
// other tests.
func unitTest(t *testing.T, env testEnv, steps ...resource.TestStep) {
	t.Helper()
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{ProtoV6ProviderFactories: factories(env), Steps: steps})
}

// errorRe matches a diagnostic's words whatever Terraform's line wrapping.
func errorRe(words ...string) *regexp.Regexp {
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = strings.ReplaceAll(regexp.QuoteMeta(w), `\ `, `\s+`)
		parts[i] = strings.ReplaceAll(parts[i], " ", `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, ".*"))
}

// realCLI serves a new emulator on loopback and builds the provider for the
// tests that run a real build through the CLI (tfharness) rather than
// in-process through terraform-plugin-testing.
func realCLI(t *testing.T) (*emulator.Emulator, string, *tfharness.Harness) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the provider")
	}
	emu := emulator.New()
	url, stop, err := emu.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	h, err := tfharness.New("../..", tfharness.CLI())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(h.Close)
	return emu, url, h
}

const requiredProviders = `terraform {
  required_providers {
    eightxeight = {
      source = "eightxeight/eightxeight"
    }
  }
}
`

// webhookCheck is the exact value of one element of webhooks; a nil oauth
// is a webhook without OAuth.
func webhookCheck(typ, sub, url string, enabled, hasAuth bool, oauth knownvalue.Check) knownvalue.Check {
	var typCheck knownvalue.Check = knownvalue.Null()
	if typ != "" {
		typCheck = knownvalue.StringExact(typ)
	}
	hasOAuth := oauth != nil
	if !hasOAuth {
		oauth = knownvalue.Null()
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"key":                    knownvalue.StringExact(typ + "/" + sub),
		"type":                   typCheck,
		"sub_account_id":         knownvalue.StringExact(sub),
		"url":                    knownvalue.StringExact(url),
		"enabled":                knownvalue.Bool(enabled),
		"has_http_authorization": knownvalue.Bool(hasAuth),
		"has_oauth":              knownvalue.Bool(hasOAuth),
		"oauth":                  oauth,
	})
}

// secretsCheck is the exact value of one entry of credentials.
func secretsCheck(httpAuthorization, clientSecret string) knownvalue.Check {
	orNull := func(s string) knownvalue.Check {
		if s == "" {
			return knownvalue.Null()
		}
		return knownvalue.StringExact(s)
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"http_authorization":  orNull(httpAuthorization),
		"oauth_client_secret": orNull(clientSecret),
	})
}

// documentedOAuth is the OAuth configuration of the documented example.
var documentedOAuth = knownvalue.ObjectExact(map[string]knownvalue.Check{
	"url":                  knownvalue.StringExact("https://auth.example.com/oauth/token"),
	"client_id":            knownvalue.StringExact("my-client-id"),
	"credentials_location": knownvalue.StringExact("header"),
	"scope":                knownvalue.StringExact("read write"),
})

// readsFourWebhooks checks that the list data source read the default account.
var readsFourWebhooks = []statecheck.StateCheck{
	statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("webhooks"), knownvalue.ListSizeExact(4)),
}
