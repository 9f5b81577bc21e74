package fastpath

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator/emulatortest"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/provider"
)

// The helpers the tests of this package share: the eightxeight provider
// served both ways, driven in-process the way Terraform drives it,
// MessagePack in and out.

// Routes to serve the provider: the fast path, as the release binary does,
// and the plain framework server, for comparison.
const (
	fastRoute      = "fast path"
	frameworkRoute = "framework"
)

// newProvider is the eightxeight provider with an empty environment, so
// that a developer's EIGHTXEIGHT_* variables never leak into a test.
func newProvider() *provider.Provider {
	return provider.New("test", func(string) string { return "" })
}

// serve serves p by route.
func serve(route string, p *provider.Provider) tfprotov6.ProviderServer {
	if route == frameworkRoute {
		return providerserver.NewProtocol6(p)()
	}
	return NewServer(p)
}

// fastServer is the fast path's server for the eightxeight provider, for
// tests that look inside it.
func fastServer(tb testing.TB) *server {
	tb.Helper()
	s, ok := NewServer(newProvider()).(*server)
	if !ok {
		tb.Fatal("NewServer did not wrap the framework's server")
	}
	return s
}

// dataSourceType is the Terraform type of a data source's configuration
// and state.
func dataSourceType(tb testing.TB, typeName string) tftypes.Type {
	tb.Helper()
	ds, ok := fastServer(tb).dataSources[typeName]
	if !ok {
		tb.Fatalf("no data source %s", typeName)
	}
	return ds.typ
}

// providerType is the Terraform type of the provider block.
func providerType() tftypes.Type {
	ctx := context.Background()
	var sch fwprovider.SchemaResponse
	newProvider().Schema(ctx, fwprovider.SchemaRequest{}, &sch)
	return sch.Schema.Type().TerraformType(ctx)
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

// emulatorConfig is the provider block for the emulator at baseURL, each
// request sent once.
func emulatorConfig(tb testing.TB, baseURL string) *tfprotov6.DynamicValue {
	return dynamicValue(tb, providerType(), map[string]tftypes.Value{
		"base_url": str(baseURL), "api_key": str(emulator.DefaultAPIKey), "max_retries": tftypes.NewValue(tftypes.Number, 0),
	})
}

// configured is a new provider served by route and configured for the
// emulator at baseURL.
func configured(tb testing.TB, route, baseURL string) tfprotov6.ProviderServer {
	tb.Helper()
	s := serve(route, newProvider())
	resp, err := s.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.11.4", Config: emulatorConfig(tb, baseURL),
	})
	if err != nil || len(resp.Diagnostics) > 0 {
		tb.Fatalf("ConfigureProvider: %v %v", err, resp.Diagnostics)
	}
	return s
}

// readRequest is a ReadDataSource request for a configuration with the
// given attributes set.
func readRequest(tb testing.TB, typeName string, set map[string]tftypes.Value) *tfprotov6.ReadDataSourceRequest {
	tb.Helper()
	return &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: dynamicValue(tb, dataSourceType(tb, typeName), set)}
}

// startEmulator serves a fresh emulator for one test.
func startEmulator(t *testing.T) (*emulator.Emulator, string) { return emulatortest.NewServer(t) }

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
