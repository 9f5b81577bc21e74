package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// The functions through the protocol server the release binary serves
// (internal/fastpath, which hands them to the framework), called as
// Terraform calls them.

// callFunction calls a function with args, each encoded as the parameter
// of type params[i] receives it.
func callFunction(t testing.TB, name string, params []tftypes.Type, args ...tftypes.Value) *tfprotov6.CallFunctionResponse {
	t.Helper()
	req := &tfprotov6.CallFunctionRequest{Name: name}
	for i, a := range args {
		dv, err := tfprotov6.NewDynamicValue(params[i], a)
		if err != nil {
			t.Fatal(err)
		}
		req.Arguments = append(req.Arguments, &dv)
	}
	resp, err := newServer(nil).CallFunction(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// functionResult decodes a function's result, failing the test on an error.
func functionResult(t *testing.T, resp *tfprotov6.CallFunctionResponse, typ tftypes.Type) tftypes.Value {
	t.Helper()
	if resp.Error != nil {
		t.Fatalf("error: %s", resp.Error.Text)
	}
	v, err := resp.Result.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// functionError is a function error's argument and text, "-" for none.
func functionError(resp *tfprotov6.CallFunctionResponse) (arg int64, text string) {
	if resp.Error == nil {
		return -1, "-"
	}
	if resp.Error.FunctionArgument == nil {
		return -1, resp.Error.Text
	}
	return *resp.Error.FunctionArgument, resp.Error.Text
}

// The provider serves both functions, with the parameters Terraform must
// know: which take null, which take unknown values, and their types.
func TestFunctions_definitions(t *testing.T) {
	ctx := context.Background()
	resp, err := newServer(nil).GetFunctions(ctx, &tfprotov6.GetFunctionsRequest{})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("%v %v", err, resp.Diagnostics)
	}
	schema, err := newServer(nil).GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schema.Diagnostics) > 0 {
		t.Fatalf("%v %v", err, schema.Diagnostics)
	}
	type param struct {
		name                    string
		typ                     tftypes.Type
		allowNull, allowUnknown bool
	}
	want := map[string]struct {
		params []param
		ret    tftypes.Type
	}{
		"webhook_key": {[]param{{"type", tftypes.String, true, false}, {"sub_account_id", tftypes.String, false, false}}, tftypes.String},
		"webhooks_drift": {[]param{{"expected", tftypes.DynamicPseudoType, false, true}, {"actual", tftypes.DynamicPseudoType, false, true}},
			tftypes.List{ElementType: tftypes.String}},
	}
	for source, functions := range map[string]map[string]*tfprotov6.Function{"GetFunctions": resp.Functions, "GetProviderSchema": schema.Functions} {
		if len(functions) != len(want) {
			t.Errorf("%s: %d functions, want %d", source, len(functions), len(want))
		}
		for name, w := range want {
			f := functions[name]
			if f == nil {
				t.Errorf("%s: no function %s", source, name)
				continue
			}
			var got []param
			for _, p := range f.Parameters {
				got = append(got, param{p.Name, p.Type, p.AllowNullValue, p.AllowUnknownValues})
			}
			if !slices.EqualFunc(got, w.params, func(a, b param) bool {
				return a.name == b.name && a.typ.Equal(b.typ) && a.allowNull == b.allowNull && a.allowUnknown == b.allowUnknown
			}) || f.VariadicParameter != nil {
				t.Errorf("%s: %s parameters %+v, want %+v", source, name, got, w.params)
			}
			if !f.Return.Type.Equal(w.ret) {
				t.Errorf("%s: %s returns %v, want %v", source, name, f.Return.Type, w.ret)
			}
			if f.Summary == "" || !strings.Contains(f.Description, "Terraform 1.8") {
				t.Errorf("%s: %s has no summary or does not say which CLIs call it: %q", source, name, f.Description)
			}
		}
	}
}

var keyParams = []tftypes.Type{tftypes.String, tftypes.String}

// webhook_key gives the key the data sources give, NFC and escaping
// included; a null or empty type is a webhook without one.
func TestWebhookKey(t *testing.T) {
	null := tftypes.NewValue(tftypes.String, nil)
	for _, tc := range []struct {
		typ  tftypes.Value
		sub  string
		want string
	}{
		{litString("CADR"), "Onion_Marketing", "CADR/Onion_Marketing"},
		{litString("MSG"), "*", "MSG/*"},
		{null, "Sales", "/Sales"},
		{litString(""), "Sales", "/Sales"},
		{litString("A/b%"), "x", "A%2Fb%25/x"},
		{litString("%2F"), "x", "%252F/x"},
		{litString("MSG"), "a/b", "MSG/a/b"},
		{litString("Te\u0301st"), "Cafe\u0301", "T\u00e9st/Caf\u00e9"},
		{litString("MSG"), " Sales ", "MSG/ Sales "},
	} {
		got := functionResult(t, callFunction(t, "webhook_key", keyParams, tc.typ, litString(tc.sub)), tftypes.String)
		if !got.Equal(litString(tc.want)) {
			t.Errorf("webhook_key(%v, %q) = %v, want %q", tc.typ, tc.sub, got, tc.want)
		}
	}
}

// webhook_key and the data sources agree on every webhook, as the API may
// spell it: the function of the raw type and sub-account is the key the
// list gives.
func TestWebhookKey_agreesWithTheDataSources(t *testing.T) {
	raw := []client.Webhook{
		{Type: "CADR", SubAccountID: "Onion_Marketing"},
		{Type: "", SubAccountID: "Legacy"},
		{Type: "A/b%c", SubAccountID: "x/y"},
		{Type: "Te\u0301st", SubAccountID: "Cafe\u0301"},
		{Type: "MSG", SubAccountID: "\u212b"}, // the Angstrom sign, whose NFC is U+00C5
	}
	hooks := slices.Clone(raw)
	canonicalWebhooks(hooks)
	listed := map[string]bool{}
	var elems []tftypes.Value
	if err := webhooksValue(t, hooks).As(&elems); err != nil {
		t.Fatal(err)
	}
	for _, e := range elems {
		var attrs map[string]tftypes.Value
		var key string
		if err := e.As(&attrs); err != nil {
			t.Fatal(err)
		}
		if err := attrs["key"].As(&key); err != nil {
			t.Fatal(err)
		}
		listed[key] = true
	}
	for _, w := range raw {
		typ := litString(w.Type)
		if w.Type == "" {
			typ = tftypes.NewValue(tftypes.String, nil)
		}
		var key string
		if err := functionResult(t, callFunction(t, "webhook_key", keyParams, typ, litString(w.SubAccountID)), tftypes.String).As(&key); err != nil {
			t.Fatal(err)
		}
		if !listed[key] {
			t.Errorf("webhook_key(%q, %q) = %q, which the data source does not list (it lists %v)", w.Type, w.SubAccountID, key, listed)
		}
	}
}

// A null or empty sub-account is an error about that argument. (The CLIs
// refuse null themselves, since the parameter does not allow it.)
func TestWebhookKey_errors(t *testing.T) {
	for _, tc := range []struct {
		sub  tftypes.Value
		want string
	}{
		{tftypes.NewValue(tftypes.String, nil), `sub_account_id is null: a webhook key needs the sub-account, "*" for the account-wide webhook`},
		{litString(""), `sub_account_id is empty: a webhook key needs the sub-account, "*" for the account-wide webhook`},
	} {
		resp := callFunction(t, "webhook_key", keyParams, litString("MSG"), tc.sub)
		if arg, text := functionError(resp); arg != 1 || text != tc.want {
			t.Errorf("sub_account_id %v: error on argument %d: %s\nwant on argument 1: %s", tc.sub, arg, text, tc.want)
		}
	}
}

var driftParams = []tftypes.Type{tftypes.DynamicPseudoType, tftypes.DynamicPseudoType}

// webhooks_drift through the protocol: the lines, an empty list (not null)
// for no drift, unknown for unknown input, and errors on the argument at
// fault, several as a list, at most maxErrors.
func TestWebhooksDrift_call(t *testing.T) {
	actual := webhooksValue(t, documentedHooks())
	listType := tftypes.List{ElementType: tftypes.String}
	lines := func(ss ...string) tftypes.Value {
		elems := make([]tftypes.Value, len(ss))
		for i, s := range ss {
			elems[i] = litString(s)
		}
		return tftypes.NewValue(listType, elems)
	}

	t.Run("lines", func(t *testing.T) {
		expected := driftWith(map[string]tftypes.Value{
			"CADR/Onion_Marketing": litObject(map[string]tftypes.Value{"oauth": litNull}),
			"MSG/*":                litObject(map[string]tftypes.Value{"url": litString("https://b.example"), "oauth": litNull}),
		})
		got := functionResult(t, callFunction(t, "webhooks_drift", driftParams, expected, actual), listType)
		want := lines(
			`CADR/Onion_Marketing: oauth is {client_id = "my-client-id", credentials_location = "header", scope = "read write", `+
				`url = "https://auth.example.com/oauth/token"} in the account, expected null`,
			`MSG/*: url is "http://example.com/dr/general" in the account, expected "https://b.example"`,
		)
		if !got.Equal(want) {
			t.Errorf("got %v\nwant %v", got, want)
		}
	})
	t.Run("none", func(t *testing.T) {
		got := functionResult(t, callFunction(t, "webhooks_drift", driftParams, driftWith(nil), actual), listType)
		if !got.Equal(lines()) || got.IsNull() {
			t.Errorf("got %v, want []", got)
		}
	})
	t.Run("unknown", func(t *testing.T) {
		expected := driftWith(map[string]tftypes.Value{"MSG/*": litObject(map[string]tftypes.Value{"url": litUnknown})})
		for name, args := range map[string][2]tftypes.Value{"nested": {expected, actual}, "whole": {driftWith(nil), litUnknown}} {
			got := functionResult(t, callFunction(t, "webhooks_drift", driftParams, args[0], args[1]), listType)
			if got.IsKnown() {
				t.Errorf("%s: got %v, want unknown", name, got)
			}
		}
	})
	t.Run("errors", func(t *testing.T) {
		many := map[string]tftypes.Value{}
		for i := range maxErrors + 2 {
			many[fmt.Sprintf("u%02d", i)] = litString("x")
		}
		var manyWant strings.Builder
		fmt.Fprintf(&manyWant, "%d problems:", maxErrors+2)
		for i := range maxErrors {
			fmt.Fprintf(&manyWant, "\n- expected[\"MSG/*\"] has no attribute \"u%02d\": a webhook's attributes to compare are "+
				"enabled, has_http_authorization, has_oauth, oauth and url", i)
		}
		manyWant.WriteString("\n- … and 2 more")
		for name, tc := range map[string]struct {
			expected, actual tftypes.Value
			arg              int64
			want             string
		}{
			"one": {driftWith(map[string]tftypes.Value{"MSG": litEmpty}), actual, 0, `expected key "MSG" is not a webhook key: it has no "/". ` +
				`A key is "<type>/<sub_account_id>" (e.g. "MSG/*", or "/Sales" for a webhook without a type); ` +
				`provider::eightxeight::webhook_key(type, sub_account_id) builds it`},
			"two": {driftWith(map[string]tftypes.Value{"MSG/*": litNull, "CABM/*": litObject(map[string]tftypes.Value{"url": litBool(true)})}), actual, 0,
				"2 problems:\n" +
					`- expected["CABM/*"].url must be a string or null, not the bool true` + "\n" +
					`- expected["MSG/*"] is null: write {} for a webhook that must exist whatever its attributes`},
			"many":   {driftWith(map[string]tftypes.Value{"MSG/*": litObject(many)}), actual, 0, manyWant.String()},
			"actual": {driftWith(nil), litObject(map[string]tftypes.Value{"webhooks": actual}), 1, "actual must be the list of webhooks, not the data source: write data.eightxeight_webhooks.<name>.webhooks"},
			"nulls":  {litNull, litNull, 0, `expected is null: give the webhooks that must exist, keyed by webhook key (e.g. { "MSG/*" = { url = "https://hooks.example.com/inbound" }, "CADR/Sales" = {} }), or {} for none`},
		} {
			resp := callFunction(t, "webhooks_drift", driftParams, tc.expected, tc.actual)
			if arg, text := functionError(resp); arg != tc.arg || text != tc.want {
				t.Errorf("%s: error on argument %d:\n%s\nwant on argument %d:\n%s", name, arg, text, tc.arg, tc.want)
			}
		}
	})
}

// Messages name types plainly.
func TestTypeName(t *testing.T) {
	for _, tc := range []struct {
		typ  tftypes.Type
		want string
	}{
		{tftypes.String, "a string"}, {tftypes.Bool, "a bool"}, {tftypes.Number, "a number"},
		{tftypes.List{ElementType: tftypes.String}, "a list"}, {tftypes.Set{ElementType: tftypes.String}, "a set"},
		{tftypes.Tuple{}, "a tuple"}, {tftypes.Map{ElementType: tftypes.String}, "a map"}, {tftypes.Object{}, "an object"},
	} {
		if got := typeName(tc.typ); got != tc.want {
			t.Errorf("typeName(%v) = %q, want %q", tc.typ, got, tc.want)
		}
	}
	if got := attributeList(map[string]tftypes.Type{"url": tftypes.String}); got != "url" {
		t.Errorf("attributeList of one: %q", got)
	}
}
