package provider

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
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
	resp, err := newServer(testProvider(nil)).CallFunction(context.Background(), req)
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
	resp, err := newServer(testProvider(nil)).GetFunctions(ctx, &tfprotov6.GetFunctionsRequest{})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("%v %v", err, resp.Diagnostics)
	}
	schema, err := newServer(testProvider(nil)).GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
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

var driftParams = []tftypes.Type{tftypes.DynamicPseudoType, tftypes.DynamicPseudoType}

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

// functionTest runs steps on a CLI that has provider functions, in
// parallel with other tests.
func functionTest(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{
			tfversion.SkipBelow(tfversion.Version1_8_0), // provider functions came in Terraform 1.8
		},
		ProtoV6ProviderFactories: factories(nil),
		Steps:                    steps,
	})
}

// stringsExact is the exact value of a list of strings.
func stringsExact(ss ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(ss))
	for i, s := range ss {
		checks[i] = knownvalue.StringExact(s)
	}
	return knownvalue.ListExact(checks)
}
