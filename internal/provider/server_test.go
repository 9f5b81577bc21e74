package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// The provider's server answers ReadDataSource exactly as the framework
// would, for every kind of read: state, warnings and errors.
func TestServer_sameAnswerAsTheFramework(t *testing.T) {
	emu, url := startEmulator(t)
	hooks := append(emulator.Generate(40), emulator.DocumentedExample()...)
	hooks = append(hooks, hooks[3]) // a duplicate key: a warning
	emu.SetWebhooks(emulator.DefaultAccountID, hooks)
	id := str(emulator.DefaultAccountID)
	notFound := emulator.Response{Status: 404, Header: http.Header{"Content-Type": {"application/json"}},
		Body: `{"code":1300,"message":"Account not found","errorId":"5f0c7e52-7d5c-4c38-a4c4-2d1c1c7a0f3e","timestamp":"2026-11-27T10:00:00Z"}`}
	reads := []struct {
		typeName string
		config   map[string]tftypes.Value
		script   []emulator.Response // for the two reads, one per server
		diags    string              // the diagnostics' severities and summaries
	}{
		{"eightxeight_webhooks", map[string]tftypes.Value{"account_id": id}, nil, "warning: More than one webhook with one key"},
		{"eightxeight_webhooks", map[string]tftypes.Value{"account_id": id, "type": str("MSG"), "enabled": tftypes.NewValue(tftypes.Bool, true)}, nil, ""},
		{"eightxeight_webhooks", map[string]tftypes.Value{"account_id": id, "type": str("msg")}, nil, "warning: Filter matches no webhook of the account"},
		{"eightxeight_webhooks", map[string]tftypes.Value{"account_id": str("00000000000040008000000000000000")}, []emulator.Response{notFound, notFound}, "error: 8x8 API error: GET " + url + "/api/v1/accounts/00000000000040008000000000000000/webhooks returned HTTP 404 Not Found"},
		{"eightxeight_webhook", map[string]tftypes.Value{"account_id": id, "type": str("CADR"), "sub_account_id": str("Onion_Marketing")}, nil, ""},
		{"eightxeight_webhook", map[string]tftypes.Value{"account_id": id, "key": str("MSG/Onion_Marketing")}, nil, ""},
		{"eightxeight_webhook", map[string]tftypes.Value{"account_id": id, "key": str("MSG/nobody")}, nil, "error: No such webhook"},
	}
	own, _ := configuredRPC(t, ownRoute, url)
	fw, _ := configuredRPC(t, frameworkRoute, url)
	for _, rd := range reads {
		name := fmt.Sprint(rd.typeName, rd.config)
		emu.Script(rd.script...)
		ownState, ownDiags := own.read(t, rd.typeName, rd.config)
		fwState, fwDiags := fw.read(t, rd.typeName, rd.config)
		if !ownState.Equal(fwState) {
			t.Errorf("%s: states differ:\n%v\n%v", name, ownState, fwState)
		}
		if !slices.Equal(diagnosticTexts(ownDiags), diagnosticTexts(fwDiags)) {
			t.Errorf("%s: diagnostics differ:\n%q\n%q", name, diagnosticTexts(ownDiags), diagnosticTexts(fwDiags))
		}
		var got []string
		for _, d := range ownDiags {
			got = append(got, strings.ToLower(d.Severity.String())+": "+d.Summary)
		}
		if strings.Join(got, "; ") != rd.diags {
			t.Errorf("%s: diagnostics %q, want %q", name, got, rd.diags)
		}
		if rd.diags == "" && (ownState.IsNull() || !ownState.IsFullyKnown()) {
			t.Errorf("%s: state %v", name, ownState)
		}
	}
}

func diagnosticTexts(diags []*tfprotov6.Diagnostic) []string {
	out := make([]string, len(diags))
	for i, d := range diags {
		out[i] = fmt.Sprintf("%s|%s|%s|%s", d.Severity, d.Summary, d.Detail, d.Attribute)
	}
	return out
}

// A read builds its state from a copy: the configuration Terraform sent is
// never changed (tftypes.Value.As hands back a value's own map). Checked on
// the framework route, which hands Read the request's own value.
func TestRead_leavesTheConfigurationAlone(t *testing.T) {
	emu, url := startEmulator(t)
	emu.SetWebhooks(emulator.DefaultAccountID, emulator.Generate(20))
	_, p := configuredRPC(t, ownRoute, url)
	r, _ := p.configuration()
	ctx := context.Background()
	for _, tc := range []struct {
		ds  stateReader
		set map[string]tftypes.Value
	}{
		{&webhooksDataSource{configured{r}}, map[string]tftypes.Value{"account_id": str(emulator.DefaultAccountID)}},
		{&webhookDataSource{configured{r}}, map[string]tftypes.Value{"account_id": str(emulator.DefaultAccountID), "key": str("CADR/sub-00000")}},
	} {
		var sch datasource.SchemaResponse
		tc.ds.Schema(ctx, datasource.SchemaRequest{}, &sch)
		typ := sch.Schema.Type().TerraformType(ctx)
		config, pristine := objectValue(typ, tc.set), objectValue(typ, tc.set)
		req := datasource.ReadRequest{Config: tfsdk.Config{Schema: sch.Schema, Raw: config}}
		resp := datasource.ReadResponse{State: tfsdk.State{Schema: sch.Schema, Raw: config.Copy()}}
		tc.ds.Read(ctx, req, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatal(resp.Diagnostics)
		}
		if !req.Config.Raw.Equal(pristine) {
			t.Errorf("%T: Read changed the request's configuration:\n%v", tc.ds, req.Config.Raw)
		}
		if resp.State.Raw.Equal(pristine) {
			t.Errorf("%T: Read set no computed value", tc.ds)
		}
	}
}

// BenchmarkReadDataSource is one eightxeight_webhooks read the way one
// terraform plan makes it: a new provider server, ConfigureProvider, and
// ReadDataSource with msgpack configuration in and msgpack state out,
// against a server on loopback that answers with the emulator's body for n
// webhooks, rendered once. "provider server" is what the release
// binary serves; "framework" is the same data source served by the plain
// framework, for comparison.
func BenchmarkReadDataSource(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		srv := httptest.NewServer(servedBody(b, n))
		for _, route := range []string{ownRoute, frameworkRoute} {
			b.Run(fmt.Sprintf("%s/webhooks=%d", route, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					r, _ := configuredRPC(b, route, srv.URL)
					resp := r.send(b, "eightxeight_webhooks", map[string]tftypes.Value{"account_id": str(emulator.DefaultAccountID)})
					if len(resp.Diagnostics) > 0 || resp.State == nil || len(resp.State.MsgPack) < n*100 {
						b.Fatal(resp.Diagnostics)
					}
				}
			})
		}
		srv.Close()
	}
}

// servedBody answers every request with the emulator's response for an
// account of n generated webhooks, rendered once.
func servedBody(tb testing.TB, n int) http.Handler {
	tb.Helper()
	body := servedJSON(tb, emulator.Generate(n))
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})
}

// A provider configuration that is not known yet, on a Terraform that
// allows deferral: both routes defer the read the same way.
func TestServer_deferredLikeTheFramework(t *testing.T) {
	ctx := context.Background()
	var sch fwprovider.SchemaResponse
	(&Provider{}).Schema(ctx, fwprovider.SchemaRequest{}, &sch)
	providerType := sch.Schema.Type().TerraformType(ctx)
	p := New("test", testEnv{}.get)
	for route, srv := range map[string]tfprotov6.ProviderServer{ownRoute: p.Server(), frameworkRoute: providerserver.NewProtocol6(New("test", testEnv{}.get))()} {
		resp, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
			Config: dynamicValue(t, providerType, map[string]tftypes.Value{
				"api_key": tftypes.NewValue(tftypes.String, tftypes.UnknownValue), "base_url": str("http://127.0.0.1:1"),
			}),
			ClientCapabilities: &tfprotov6.ConfigureProviderClientCapabilities{DeferralAllowed: true},
		})
		if err != nil || len(resp.Diagnostics) > 0 {
			t.Fatalf("%s: ConfigureProvider: %v %v", route, err, resp.Diagnostics)
		}
		typ := dataSourceType(t, "eightxeight_webhooks")
		read, err := srv.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{
			TypeName:           "eightxeight_webhooks",
			Config:             dynamicValue(t, typ, map[string]tftypes.Value{"account_id": str(emulator.DefaultAccountID)}),
			ClientCapabilities: &tfprotov6.ReadDataSourceClientCapabilities{DeferralAllowed: true},
		})
		if err != nil || len(read.Diagnostics) > 0 || read.Deferred == nil || read.Deferred.Reason != tfprotov6.DeferredReasonProviderConfigUnknown {
			t.Fatalf("%s: %v %v %+v", route, err, read.Diagnostics, read.Deferred)
		}
		state, err := read.State.Unmarshal(typ)
		if err != nil || state.IsKnown() {
			t.Errorf("%s: state %v (%v), want wholly unknown", route, state, err)
		}
	}
}

// The provider's server passes on every optional part of the protocol the
// framework's has, and answers with its own ReadDataSource.
func TestServer_keepsTheFrameworksOptionalParts(t *testing.T) {
	own := New("test", nil).Server()
	if _, ok := own.(*server); !ok {
		t.Fatalf("Server() returned %T, not the provider's server", own)
	}
	fw := providerserver.NewProtocol6(New("test", nil))()
	//nolint:staticcheck // the interfaces tf6server asserts today (see frameworkServer)
	for name, has := range map[string]func(tfprotov6.ProviderServer) bool{
		"list resources": func(s tfprotov6.ProviderServer) bool {
			_, ok := s.(tfprotov6.ProviderServerWithListResource)
			return ok
		},
		"actions":      func(s tfprotov6.ProviderServer) bool { _, ok := s.(tfprotov6.ProviderServerWithActions); return ok },
		"state stores": func(s tfprotov6.ProviderServer) bool { _, ok := s.(tfprotov6.ProviderServerWithStateStores); return ok },
	} {
		if has(fw) && !has(own) {
			t.Errorf("the framework's server has %s, the provider's does not", name)
		}
	}
}
