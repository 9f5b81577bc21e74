package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
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
		TypeName: func() (tfprotov6.ProviderServer, error) { return testProvider(env).Server(), nil },
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

// startEmulator serves a fresh emulator for one test.
func startEmulator(t *testing.T) (*emulator.Emulator, string) {
	t.Helper()
	emu := emulator.New()
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return emu, srv.URL
}

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

// rpc drives a provider's protocol server in-process the way Terraform
// does, msgpack in and out.
type rpc struct {
	ctx    context.Context
	server tfprotov6.ProviderServer
}

// objectValue is a value of an object type with the given attributes set
// and every other one null.
func objectValue(typ tftypes.Type, set map[string]tftypes.Value) tftypes.Value {
	obj, ok := typ.(tftypes.Object)
	if !ok {
		panic(fmt.Sprintf("%v is not an object type", typ))
	}
	attrs := map[string]tftypes.Value{}
	for name, t := range obj.AttributeTypes {
		attrs[name] = tftypes.NewValue(t, nil)
	}
	for name, v := range set {
		attrs[name] = v
	}
	return tftypes.NewValue(typ, attrs)
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func dynamicValue(tb testing.TB, typ tftypes.Type, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	tb.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, objectValue(typ, set))
	if err != nil {
		tb.Fatal(err)
	}
	return &dv
}

// configure sends ConfigureProvider for the emulator at baseURL.
func (r rpc) configure(tb testing.TB, baseURL string) {
	tb.Helper()
	var sch fwprovider.SchemaResponse
	(&Provider{}).Schema(r.ctx, fwprovider.SchemaRequest{}, &sch)
	resp, err := r.server.ConfigureProvider(r.ctx, &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.11.4",
		Config: dynamicValue(tb, sch.Schema.Type().TerraformType(r.ctx), map[string]tftypes.Value{
			"base_url": str(baseURL), "api_key": str(emulator.DefaultAPIKey), "max_retries": tftypes.NewValue(tftypes.Number, 0),
			"request_timeout": str("10m"), // no answer reaches it
		}),
	})
	if err != nil || len(resp.Diagnostics) > 0 {
		tb.Fatalf("ConfigureProvider: %v %v", err, resp.Diagnostics)
	}
}

// send sends ReadDataSource.
func (r rpc) send(tb testing.TB, typeName string, set map[string]tftypes.Value) *tfprotov6.ReadDataSourceResponse {
	tb.Helper()
	resp, err := r.server.ReadDataSource(r.ctx, &tfprotov6.ReadDataSourceRequest{
		TypeName: typeName, Config: dynamicValue(tb, dataSourceType(tb, typeName), set),
	})
	if err != nil {
		tb.Fatal(err)
	}
	return resp
}

// read sends ReadDataSource and decodes the state it returns.
func (r rpc) read(tb testing.TB, typeName string, set map[string]tftypes.Value) (tftypes.Value, []*tfprotov6.Diagnostic) {
	tb.Helper()
	typ := dataSourceType(tb, typeName)
	resp := r.send(tb, typeName, set)
	if resp.State == nil {
		return tftypes.Value{}, resp.Diagnostics
	}
	state, err := resp.State.Unmarshal(typ)
	if err != nil {
		tb.Fatal(err)
	}
	return state, resp.Diagnostics
}

// ownServer is the provider's own protocol server, for tests that look
// inside it.
func ownServer(tb testing.TB) *server {
	tb.Helper()
	s, ok := New("test", nil).Server().(*server)
	if !ok {
		tb.Fatal("Provider.Server() is not the provider's own server")
	}
	return s
}

// dataSourceType is the Terraform type of a data source's configuration
// and state, as the provider's server knows it.
func dataSourceType(tb testing.TB, typeName string) tftypes.Type {
	tb.Helper()
	ds, ok := ownServer(tb).dataSources[typeName]
	if !ok {
		tb.Fatalf("no data source %s", typeName)
	}
	return ds.typ
}

// Routes to serve the provider: its own protocol server, as the release
// binary does, and the plain framework server, for comparison.
const (
	ownRoute       = "provider server"
	frameworkRoute = "framework"
)

// configuredRPC is a new provider served by route, configured for the
// emulator at baseURL.
func configuredRPC(tb testing.TB, route, baseURL string) (rpc, *Provider) {
	tb.Helper()
	p := testProvider(testEnv{})
	r := rpc{context.Background(), p.Server()}
	if route == frameworkRoute {
		r.server = providerserver.NewProtocol6(p)()
	}
	r.configure(tb, baseURL)
	return r, p
}

// servedJSON is the emulator's response body for an account of hooks.
func servedJSON(tb testing.TB, hooks []emulator.Webhook) []byte {
	tb.Helper()
	emu := emulator.New()
	emu.SetWebhooks(emulator.DefaultAccountID, hooks)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/api/v1/accounts/"+emulator.DefaultAccountID+"/webhooks", nil)
	req.Header.Set("Authorization", "Bearer "+emulator.DefaultAPIKey)
	emu.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		tb.Fatal(rec.Code, rec.Body.String())
	}
	return rec.Body.Bytes()
}
