package provider

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// The tfsdk-tagged models below are the framework's reflection route to the
// same state. The provider does not use them (they cost 60 times the
// allocations); they stay here as the benchmark's point of comparison and
// as an independent oracle for webhookValues.

type reflectedList struct {
	AccountID    types.String       `tfsdk:"account_id"`
	Type         types.String       `tfsdk:"type"`
	SubAccountID types.String       `tfsdk:"sub_account_id"`
	Enabled      types.Bool         `tfsdk:"enabled"`
	Webhooks     []reflectedWebhook `tfsdk:"webhooks"`
}

type reflectedWebhook struct {
	Type                 types.String    `tfsdk:"type"`
	SubAccountID         types.String    `tfsdk:"sub_account_id"`
	URL                  types.String    `tfsdk:"url"`
	Enabled              types.Bool      `tfsdk:"enabled"`
	HTTPAuthorization    types.String    `tfsdk:"http_authorization"`
	HasHTTPAuthorization types.Bool      `tfsdk:"has_http_authorization"`
	OAuth                *reflectedOAuth `tfsdk:"oauth"`
	HasOAuth             types.Bool      `tfsdk:"has_oauth"`
}

type reflectedOAuth struct {
	URL                 types.String `tfsdk:"url"`
	ClientID            types.String `tfsdk:"client_id"`
	ClientSecret        types.String `tfsdk:"client_secret"`
	CredentialsLocation types.String `tfsdk:"credentials_location"`
	Scope               types.String `tfsdk:"scope"`
}

func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func reflected(hooks []client.Webhook) reflectedList {
	m := reflectedList{AccountID: types.StringValue(emulator.DefaultAccountID), Webhooks: []reflectedWebhook{}}
	for _, w := range hooks {
		r := reflectedWebhook{
			Type: optionalString(w.Type), SubAccountID: types.StringValue(w.SubAccountID), URL: types.StringValue(w.URL),
			Enabled: types.BoolValue(w.Enabled), HTTPAuthorization: types.StringPointerValue(w.HTTPAuthorization),
			HasHTTPAuthorization: types.BoolValue(w.HasHTTPAuthorization()), HasOAuth: types.BoolValue(w.OAuth != nil),
		}
		if o := w.OAuth; o != nil {
			r.OAuth = &reflectedOAuth{URL: types.StringPointerValue(o.URL), ClientID: types.StringPointerValue(o.ClientID),
				ClientSecret: types.StringPointerValue(o.ClientSecret), CredentialsLocation: types.StringPointerValue(o.CredentialsLocation),
				Scope: types.StringPointerValue(o.Scope)}
		}
		m.Webhooks = append(m.Webhooks, r)
	}
	return m
}

// servedBody is the emulator's response body for n generated webhooks.
func servedBody(tb testing.TB, n int) []byte {
	tb.Helper()
	emu := emulator.New()
	emu.SetWebhooks(emulator.DefaultAccountID, emulator.Generate(n))
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/api/v1/accounts/"+emulator.DefaultAccountID+"/webhooks", nil)
	req.Header.Set("Authorization", "Bearer "+emulator.DefaultAPIKey)
	emu.ServeHTTP(rec, req)
	if rec.Code != 200 {
		tb.Fatal(rec.Code, rec.Body.String())
	}
	return rec.Body.Bytes()
}

// readPath is the provider's whole work for one list data source: decode
// the API body, sort, map and set Terraform state, by either route.
func readPath(ctx context.Context, body []byte, viaReflection bool) (tfsdk.State, error) {
	var sresp datasource.SchemaResponse
	(&webhooksDataSource{}).Schema(ctx, datasource.SchemaRequest{}, &sresp)
	typ := sresp.Schema.Type().TerraformType(ctx)
	state := tfsdk.State{Schema: sresp.Schema, Raw: tftypes.NewValue(typ, nil)}
	hooks, err := client.DecodeWebhooks(bytes.NewReader(body), client.MaxResponseBytes)
	if err != nil {
		return state, err
	}
	sortWebhooks(hooks)
	if viaReflection {
		m := reflected(hooks)
		if d := state.Set(ctx, &m); d.HasError() {
			return state, fmt.Errorf("%v", d)
		}
		return state, nil
	}
	config := tfsdk.Config{Schema: sresp.Schema, Raw: tftypes.NewValue(typ, map[string]tftypes.Value{
		"account_id": tftypes.NewValue(tftypes.String, emulator.DefaultAccountID),
		"type":       tftypes.NewValue(tftypes.String, nil), "sub_account_id": tftypes.NewValue(tftypes.String, nil),
		"enabled": tftypes.NewValue(tftypes.Bool, nil), "webhooks": tftypes.NewValue(webhookListType, nil),
	})}
	state.Raw, err = stateFromConfig(ctx, config, map[string]tftypes.Value{"webhooks": webhookList(hooks)})
	return state, err
}

// Both routes give the same state, so the fast one is also right.
func TestReadPath_directEqualsReflection(t *testing.T) {
	body := servedBody(t, 300)
	direct, err := readPath(context.Background(), body, false)
	if err != nil {
		t.Fatal(err)
	}
	viaReflection, err := readPath(context.Background(), body, true)
	if err != nil {
		t.Fatal(err)
	}
	if !direct.Raw.Equal(viaReflection.Raw) {
		t.Errorf("states differ:\n%s\n%s", direct.Raw, viaReflection.Raw)
	}
}

func BenchmarkReadPath(b *testing.B) {
	ctx := context.Background()
	for _, route := range []string{"direct", "reflection"} {
		for _, n := range []int{10, 1000, 10000} {
			body := servedBody(b, n)
			b.Run(fmt.Sprintf("%s/webhooks=%d", route, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := readPath(ctx, body, route == "reflection"); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
