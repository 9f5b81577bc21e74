package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// A read builds its state from a copy: the configuration Terraform sent is
// never changed (tftypes.Value.As hands back a value's own map). Checked on
// the framework's Read, which is handed the request's own value.
func TestRead_leavesTheConfigurationAlone(t *testing.T) {
	emu, url := startEmulator(t)
	emu.SetWebhooks(emulator.DefaultAccountID, emulator.Generate(20))
	r := configuredAccounts(t, url)
	ctx := context.Background()
	for _, tc := range []struct {
		ds  datasource.DataSource
		set map[string]tftypes.Value
	}{
		{&webhooksDataSource{withAccounts{r}}, map[string]tftypes.Value{"account_id": str(emulator.DefaultAccountID)}},
		{&webhookDataSource{withAccounts{r}}, map[string]tftypes.Value{"account_id": str(emulator.DefaultAccountID), "key": str("CADR/sub-00000")}},
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

// configuredAccounts is the account cache that Configure hands the data sources of
// a provider configured for the emulator at url.
func configuredAccounts(t *testing.T, url string) *accountCache {
	t.Helper()
	ctx := context.Background()
	p := New("test", testEnv{EnvBaseURL: url, EnvAPIKey: emulator.DefaultAPIKey}.get)
	var sch fwprovider.SchemaResponse
	p.Schema(ctx, fwprovider.SchemaRequest{}, &sch)
	var resp fwprovider.ConfigureResponse
	p.Configure(ctx, fwprovider.ConfigureRequest{Config: tfsdk.Config{Schema: sch.Schema, Raw: objectValue(sch.Schema.Type().TerraformType(ctx), nil)}}, &resp)
	data, _, _ := p.Configured()
	r, ok := data.(*accountCache)
	if resp.Diagnostics.HasError() || !ok {
		t.Fatalf("Configure: %v, data %T", resp.Diagnostics, data)
	}
	return r
}

// objectValue is a value of an object type with the given attributes set
// and every other one null.
func objectValue(typ tftypes.Type, set map[string]tftypes.Value) tftypes.Value {
	obj, ok := typ.(tftypes.Object)
	if !ok {
		t := typ
		panic(t.String() + " is not an object type")
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
