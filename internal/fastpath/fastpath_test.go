package fastpath

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// The fast path's server has every exported method of the framework's,
// with the same signature, so that terraform-plugin-go's type assertions
// find every optional part of the protocol the framework serves. A
// dependency upgrade that adds one fails here, naming it.
func TestNewServer_servesEveryPartOfTheFramework(t *testing.T) {
	fw := providerserver.NewProtocol6(newProvider())()
	fast := NewServer(newProvider())
	if _, ok := fast.(*server); !ok {
		t.Fatalf("NewServer returned the framework's server (%T): the framework has a part frameworkServer does not list", fast)
	}
	fwType, fastValue := reflect.TypeOf(fw), reflect.ValueOf(fast)
	for i := range fwType.NumMethod() {
		m := fwType.Method(i)
		got := fastValue.MethodByName(m.Name)
		if !got.IsValid() {
			t.Errorf("the framework's server has %s, the fast path's does not: add its interface to frameworkServer", m.Name)
			continue
		}
		if want := reflect.ValueOf(fw).MethodByName(m.Name).Type(); got.Type() != want {
			t.Errorf("%s: the fast path's is %v, the framework's %v", m.Name, got.Type(), want)
		}
	}

	// Every optional interface of the protocol, read from
	// terraform-plugin-go's source: one the framework implements, the fast
	// path must too.
	interfaces := protocolInterfaces(t)
	checked := 0
	for _, name := range slices.Sorted(maps.Keys(interfaces)) {
		methods := interfaces[name]
		if !strings.HasPrefix(name, "ProviderServer") || !hasMethods(reflect.ValueOf(fw), methods) {
			continue
		}
		checked++
		if !hasMethods(fastValue, methods) {
			t.Errorf("the framework's server implements tfprotov6.%s, which the fast path's server hides: add it to frameworkServer", name)
		}
	}
	if checked < 4 {
		t.Errorf("found only %d protocol interfaces the framework implements; the source parsing is broken", checked)
	}
}

// protocolInterfaces returns every interface type of terraform-plugin-go's
// tfprotov6 package, by name, with all its methods (embedded interfaces
// resolved).
func protocolInterfaces(t *testing.T) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}", "github.com/hashicorp/terraform-plugin-go/tfprotov6").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	own := map[string][]string{}      // methods declared in each interface
	embedded := map[string][]string{} // interfaces of the package it embeds
	fset := token.NewFileSet()
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			it, ok := ts.Type.(*ast.InterfaceType)
			if !ok || !ts.Name.IsExported() {
				return true
			}
			own[ts.Name.Name] = []string{}
			for _, field := range it.Methods.List {
				if len(field.Names) == 0 {
					if id, ok := field.Type.(*ast.Ident); ok {
						embedded[ts.Name.Name] = append(embedded[ts.Name.Name], id.Name)
					}
					continue
				}
				for _, n := range field.Names {
					own[ts.Name.Name] = append(own[ts.Name.Name], n.Name)
				}
			}
			return true
		})
	}
	var all func(name string) []string
	all = func(name string) []string {
		methods := slices.Clone(own[name])
		for _, e := range embedded[name] {
			methods = append(methods, all(e)...)
		}
		return methods
	}
	result := map[string][]string{}
	for name := range own {
		result[name] = all(name)
	}
	return result
}

func hasMethods(v reflect.Value, names []string) bool {
	for _, n := range names {
		if !v.MethodByName(n).IsValid() {
			return false
		}
	}
	return len(names) > 0
}

// The fields of a ReadDataSourceRequest, and of what Read answers, the
// fast path knows what to do with. A field a dependency upgrade adds fails
// here: decide whether the fast path must pass it on or hand such requests
// to the framework.
func TestReadDataSourceRequest_everyFieldHandled(t *testing.T) {
	for typ, handled := range map[reflect.Type]map[string]string{
		reflect.TypeFor[tfprotov6.ReadDataSourceRequest](): {
			"TypeName":           "selects the data source",
			"Config":             "decoded for Read; nil, or one that does not decode, goes to the framework",
			"ProviderMeta":       "a request with provider_meta goes to the framework",
			"ClientCapabilities": "passed to Read",
		},
		reflect.TypeFor[tfprotov6.ReadDataSourceClientCapabilities](): {"DeferralAllowed": "passed to Read"},
		reflect.TypeFor[datasource.ReadResponse](): {
			"State": "encoded", "Diagnostics": "converted", "Deferred": "passed on",
		},
	} {
		for i := range typ.NumField() {
			if f := typ.Field(i); f.IsExported() && handled[f.Name] == "" {
				t.Errorf("%s has a field the fast path does not know: %s", typ, f.Name)
			}
		}
	}
}

// Every data source of the provider is read by the fast path, with a
// compiled encoder: a schema change that loses it would quietly hand the
// data source back to the framework.
func TestNewServer_readsEveryDataSource(t *testing.T) {
	ctx := context.Background()
	s := fastServer(t)
	for _, newDS := range newProvider().DataSources(ctx) {
		var meta datasource.MetadataResponse
		newDS().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "eightxeight"}, &meta)
		if _, ok := s.dataSources[meta.TypeName]; !ok {
			t.Errorf("%s is not read by the fast path", meta.TypeName)
		}
	}
	if _, err := newEncoder(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"n": tftypes.DynamicPseudoType}}); err == nil {
		t.Error("an encoder for a type it does not know")
	}
}

// A data source whose schema has a type with semantic equality, or a
// block, is left to the framework, which handles them after Read.
func TestNewServer_leavesToTheFrameworkWhatItSkips(t *testing.T) {
	ctx := context.Background()
	for name, tc := range map[string]struct {
		sch  schema.Schema
		fast bool
	}{
		"plain": {schema.Schema{Attributes: map[string]schema.Attribute{"a": schema.StringAttribute{Optional: true}}}, true},
		"semantic equality at the top level": {schema.Schema{Attributes: map[string]schema.Attribute{
			"a": schema.StringAttribute{Optional: true, CustomType: semanticStringType{}},
		}}, false},
		"semantic equality in a list element": {schema.Schema{Attributes: map[string]schema.Attribute{
			"l": schema.ListNestedAttribute{Computed: true, NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"a": schema.StringAttribute{Computed: true, CustomType: semanticStringType{}},
			}}},
		}}, false},
		"semantic equality in a map": {schema.Schema{Attributes: map[string]schema.Attribute{
			"m": schema.MapAttribute{Computed: true, ElementType: semanticStringType{}},
		}}, false},
		"a block": {schema.Schema{
			Attributes: map[string]schema.Attribute{"a": schema.StringAttribute{Optional: true}},
			Blocks: map[string]schema.Block{"rule": schema.ListNestedBlock{NestedObject: schema.NestedBlockObject{
				Attributes: map[string]schema.Attribute{"b": schema.StringAttribute{Optional: true}},
			}}},
		}, false},
	} {
		_, fast := newDataSourceOf(ctx, "test", func() datasource.DataSource { return fakeDataSource{tc.sch} })
		if fast != tc.fast {
			t.Errorf("%s: read by the fast path: %v, want %v", name, fast, tc.fast)
		}
	}
}

// fakeDataSource is a data source with a given schema.
type fakeDataSource struct{ sch schema.Schema }

func (fakeDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_fake"
}
func (d fakeDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.sch
}
func (fakeDataSource) Read(context.Context, datasource.ReadRequest, *datasource.ReadResponse) {}

// semanticStringType is a string type whose values have semantic equality.
type semanticStringType struct{ basetypes.StringType }

func (semanticStringType) ValueType(context.Context) attr.Value { return semanticString{} }

type semanticString struct{ basetypes.StringValue }

func (semanticString) StringSemanticEquals(context.Context, basetypes.StringValuable) (bool, diag.Diagnostics) {
	return true, nil
}

// The fast path answers every ReadDataSource exactly as the framework
// would, compared over every field of the response, in every state the
// provider can be in and for every kind of read: states, warnings, errors
// with attribute paths, deferrals, and the requests it hands to the
// framework.
func TestNewServer_sameAnswersAsTheFramework(t *testing.T) {
	ctx := context.Background()
	emu, url := startEmulator(t)
	hooks := append(emulator.Generate(40), emulator.DocumentedExample()...)
	hooks = append(hooks, hooks[3]) // a duplicate key: a warning
	hooks = append(hooks, emulator.Webhook{SubAccountID: "Legacy", URL: "https://hooks.example.com/legacy"})
	emu.SetWebhooks(emulator.DefaultAccountID, hooks)
	const emptyAccount, missingAccount = "0123456789abcdef0123456789abcdef", "00000000000040008000000000000000"
	emu.SetWebhooks(emptyAccount, nil)
	notFound := emulator.Response{Status: 404, Header: http.Header{"Content-Type": {"application/json"}},
		Body: `{"code":1300,"message":"Account not found","errorId":"5f0c7e52-7d5c-4c38-a4c4-2d1c1c7a0f3e","timestamp":"2026-11-27T10:00:00Z"}`}

	unknown := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	id := str(emulator.DefaultAccountID)
	const list, one = "eightxeight_webhooks", "eightxeight_webhook"
	type read struct {
		name     string
		typeName string
		set      map[string]tftypes.Value
		modify   func(*tfprotov6.ReadDataSourceRequest)
		reaches  bool   // the read gets as far as the API (so needs a configured provider)
		requests int    // API requests each route makes when configured
		want     string // when configured: "state" and the diagnostics' severities and summaries
	}
	reads := []read{
		{name: "every webhook", reaches: true, typeName: list, set: map[string]tftypes.Value{"account_id": id}, requests: 1,
			want: "state; warning: More than one webhook with one key"},
		{name: "filters", reaches: true, typeName: list, set: map[string]tftypes.Value{"account_id": id, "type": str("MSG"), "enabled": tftypes.NewValue(tftypes.Bool, true)},
			want: "state"},
		{name: "filter typo", reaches: true, typeName: list, set: map[string]tftypes.Value{"account_id": id, "type": str("msg")},
			want: "state; warning: Filter matches no webhook of the account"},
		{name: "empty account", reaches: true, typeName: list, set: map[string]tftypes.Value{"account_id": str(emptyAccount)}, requests: 1, want: "state"},
		{name: "API error", reaches: true, typeName: list, set: map[string]tftypes.Value{"account_id": str(missingAccount)}, requests: 1,
			want: "error: 8x8 API error: GET " + url + "/api/v1/accounts/" + missingAccount + "/webhooks returned HTTP 404 Not Found"},
		{name: "invalid account id", reaches: true, typeName: list, set: map[string]tftypes.Value{"account_id": str("acme")},
			want: "error: Reading the webhooks of account acme failed"},
		{name: "unknown account_id", typeName: list, set: map[string]tftypes.Value{"account_id": unknown},
			want: "error: Value not known yet"},
		{name: "unknown filters", typeName: list, set: map[string]tftypes.Value{"account_id": id, "type": unknown, "enabled": tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue)},
			want: "error: Value not known yet; error: Value not known yet"},
		{name: "deferral allowed", reaches: true, typeName: list, set: map[string]tftypes.Value{"account_id": id},
			modify: func(r *tfprotov6.ReadDataSourceRequest) {
				r.ClientCapabilities = &tfprotov6.ReadDataSourceClientCapabilities{DeferralAllowed: true}
			}, want: "state; warning: More than one webhook with one key"},
		{name: "provider_meta", reaches: true, typeName: list, set: map[string]tftypes.Value{"account_id": id},
			modify: func(r *tfprotov6.ReadDataSourceRequest) {
				r.ProviderMeta = dynamicValue(t, tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}, nil)
			}, want: "state; warning: More than one webhook with one key"},
		{name: "no configuration", typeName: list, modify: func(r *tfprotov6.ReadDataSourceRequest) { r.Config = nil },
			want: "error: Value Conversion Error"},
		{name: "configuration of another type", typeName: list, modify: func(r *tfprotov6.ReadDataSourceRequest) {
			r.Config = dynamicValue(t, tftypes.Object{AttributeTypes: map[string]tftypes.Type{"account_id": tftypes.Bool}}, nil)
		}, want: "error: Unable to Convert Configuration"},
		{name: "unknown data source", typeName: "eightxeight_nothing", want: "error: Data Source Type Not Found"},
		{name: "by pair", reaches: true, typeName: one, set: map[string]tftypes.Value{"account_id": id, "type": str("CADR"), "sub_account_id": str("Onion_Marketing")}, want: "state"},
		{name: "by key", reaches: true, typeName: one, set: map[string]tftypes.Value{"account_id": id, "key": str("MSG/Onion_Marketing")}, want: "state"},
		{name: "without type", reaches: true, typeName: one, set: map[string]tftypes.Value{"account_id": id, "key": str("/Legacy")}, want: "state"},
		{name: "duplicate", reaches: true, typeName: one, set: map[string]tftypes.Value{"account_id": id, "key": str("CADR/sub-00001")},
			want: "state; warning: More than one webhook matched"},
		{name: "no such webhook", reaches: true, typeName: one, set: map[string]tftypes.Value{"account_id": id, "key": str("MSG/nobody")},
			want: "error: No such webhook"},
		{name: "no such pair", reaches: true, typeName: one, set: map[string]tftypes.Value{"account_id": id, "type": str("cadr"), "sub_account_id": str("Onion_Marketing")},
			want: "error: No such webhook"},
		{name: "no selector", typeName: one, set: map[string]tftypes.Value{"account_id": id}, want: "error: Select one webhook"},
		{name: "unknown key", typeName: one, set: map[string]tftypes.Value{"account_id": id, "key": unknown}, want: "error: Value not known yet"},
	}

	unknownConfig := func(deferralAllowed bool) func(tfprotov6.ProviderServer) {
		return func(s tfprotov6.ProviderServer) {
			_, _ = s.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
				Config:             dynamicValue(t, providerType(), map[string]tftypes.Value{"api_key": unknown, "base_url": str(url)}),
				ClientCapabilities: &tfprotov6.ConfigureProviderClientCapabilities{DeferralAllowed: deferralAllowed},
			})
		}
	}
	states := []struct {
		name      string
		configure func(tfprotov6.ProviderServer)
		want      string // for every read that reaches the API ("deferred": of every known data source), when not ""
	}{
		{"configured", func(s tfprotov6.ProviderServer) {
			_, _ = s.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: emulatorConfig(t, url)})
		}, ""},
		{"never configured", func(tfprotov6.ProviderServer) {}, "error: Provider not configured"},
		{"failed Configure", func(s tfprotov6.ProviderServer) {
			_, _ = s.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
				Config: dynamicValue(t, providerType(), map[string]tftypes.Value{"base_url": str(url)}), // no api_key
			})
		}, "error: Provider not configured"},
		{"configuration unknown, deferral allowed", unknownConfig(true), "deferred"},
		{"configuration unknown, deferral not allowed", unknownConfig(false), "error: Provider not configured"},
	}

	fieldsSeen := map[string]bool{}
	for _, st := range states {
		servers := map[string]tfprotov6.ProviderServer{fastRoute: serve(fastRoute, newProvider()), frameworkRoute: serve(frameworkRoute, newProvider())}
		for _, s := range servers {
			st.configure(s)
		}
		for _, rd := range reads {
			name := st.name + ": " + rd.name
			var req *tfprotov6.ReadDataSourceRequest
			if rd.typeName == "eightxeight_nothing" {
				req = &tfprotov6.ReadDataSourceRequest{TypeName: rd.typeName, Config: dynamicValue(t, dataSourceType(t, list), nil)}
			} else {
				req = readRequest(t, rd.typeName, rd.set)
			}
			if rd.modify != nil {
				rd.modify(req)
			}
			if st.name == "configured" && rd.name == "API error" {
				emu.Script(notFound, notFound)
			}
			before := emu.RequestCount()
			answers := map[string]*tfprotov6.ReadDataSourceResponse{}
			for route, s := range servers {
				resp, err := s.ReadDataSource(ctx, req)
				if err != nil {
					t.Fatalf("%s: %s: %v", name, route, err)
				}
				answers[route] = resp
			}
			for _, d := range differences(t, "", reflect.ValueOf(answers[fastRoute]), reflect.ValueOf(answers[frameworkRoute]), dataSourceTypeOr(t, rd.typeName)) {
				t.Errorf("%s: %s", name, d)
			}
			fw := reflect.ValueOf(answers[frameworkRoute]).Elem()
			for i := range fw.NumField() {
				if !fw.Field(i).IsZero() {
					fieldsSeen[fw.Type().Field(i).Name] = true
				}
			}
			want := rd.want
			switch {
			case st.want == "deferred" && rd.typeName != "eightxeight_nothing" && !strings.HasPrefix(rd.want, "error: Unable to Convert"):
				want = st.want
			case st.want != "" && st.want != "deferred" && rd.reaches:
				want = st.want
			}
			if got := outcome(answers[fastRoute]); got != want {
				t.Errorf("%s: %q, want %q", name, got, want)
			}
			if st.name == "configured" && rd.requests > 0 {
				if n := emu.RequestCount() - before; n != 2*rd.requests {
					t.Errorf("%s: %d API requests for the two routes, want %d", name, n, 2*rd.requests)
				}
			}
		}
	}
	// Every field of the response was set in some answer, so that the
	// comparison saw it set: a field a new terraform-plugin-go adds fails
	// here until a read that sets it is in the table.
	typ := reflect.TypeFor[tfprotov6.ReadDataSourceResponse]()
	for i := range typ.NumField() {
		if f := typ.Field(i); f.IsExported() && !fieldsSeen[f.Name] {
			t.Errorf("no read in the table sets ReadDataSourceResponse.%s: add one", f.Name)
		}
	}
	// Every data source the fast path reads is in the table.
	for typeName := range fastServer(t).dataSources {
		if !slices.ContainsFunc(reads, func(r read) bool { return r.typeName == typeName }) {
			t.Errorf("no read of %s in the table", typeName)
		}
	}
}

// dataSourceTypeOr is the type of a data source's state, or the list's for
// an unknown data source (its answer has no state to decode).
func dataSourceTypeOr(t *testing.T, typeName string) tftypes.Type {
	if ds, ok := fastServer(t).dataSources[typeName]; ok {
		return ds.typ
	}
	return dataSourceType(t, "eightxeight_webhooks")
}

// outcome summarizes a response: "deferred", "state" when it has a wholly
// known state and no error, then each diagnostic's severity and summary.
func outcome(resp *tfprotov6.ReadDataSourceResponse) string {
	if resp.Deferred != nil {
		return "deferred"
	}
	var parts []string
	hasError := false
	for _, d := range resp.Diagnostics {
		hasError = hasError || d.Severity == tfprotov6.DiagnosticSeverityError
		parts = append(parts, strings.ToLower(d.Severity.String())+": "+d.Summary)
	}
	if !hasError && resp.State != nil {
		parts = append([]string{"state"}, parts...)
	}
	return strings.Join(parts, "; ")
}

// differences compares two values of one type over every field, by
// reflection, so that a field a new terraform-plugin-go adds is compared
// without anyone remembering to. A DynamicValue is compared by the value it
// decodes to as typ (map order aside); everything else must be equal.
func differences(t *testing.T, at string, a, b reflect.Value, typ tftypes.Type) []string {
	t.Helper()
	if a.Type() == reflect.TypeFor[tfprotov6.DynamicValue]() {
		dvA, _ := a.Addr().Interface().(*tfprotov6.DynamicValue) //nolint:forcetypeassert // the type was checked above
		dvB, _ := b.Addr().Interface().(*tfprotov6.DynamicValue) //nolint:forcetypeassert // the type was checked above
		va, errA := dvA.Unmarshal(typ)
		vb, errB := dvB.Unmarshal(typ)
		if errA != nil || errB != nil {
			return []string{fmt.Sprintf("%s: cannot decode: %v / %v", at, errA, errB)}
		}
		if !va.Equal(vb) {
			return []string{fmt.Sprintf("%s differs:\n%v\n%v", at, va, vb)}
		}
		return nil
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return []string{fmt.Sprintf("%s: %v / %v", at, a, b)}
			}
			return nil
		}
		if !a.Elem().CanAddr() {
			break
		}
		return differences(t, at, a.Elem(), b.Elem(), typ)
	case reflect.Struct:
		var out []string
		for i := range a.NumField() {
			f := a.Type().Field(i)
			if !f.IsExported() { // a value whose state is its own (an attribute path, say): compared whole
				if !reflect.DeepEqual(a.Interface(), b.Interface()) {
					return []string{fmt.Sprintf("%s: %s / %s", at, describe(a), describe(b))}
				}
				continue
			}
			out = append(out, differences(t, strings.TrimPrefix(at+"."+f.Name, "."), a.Field(i), b.Field(i), typ)...)
		}
		return out
	case reflect.Slice:
		if a.Len() != b.Len() {
			return []string{fmt.Sprintf("%s: %d elements / %d: %s / %s", at, a.Len(), b.Len(), describe(a), describe(b))}
		}
		var out []string
		for i := range a.Len() {
			out = append(out, differences(t, fmt.Sprintf("%s[%d]", at, i), a.Index(i), b.Index(i), typ)...)
		}
		return out
	}
	if !reflect.DeepEqual(a.Interface(), b.Interface()) {
		return []string{fmt.Sprintf("%s: %s / %s", at, describe(a), describe(b))}
	}
	return nil
}

func describe(v reflect.Value) string {
	if v.Kind() == reflect.Slice {
		var parts []string
		for i := range v.Len() {
			parts = append(parts, describe(v.Index(i)))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		return fmt.Sprintf("%+v", v.Elem().Interface())
	}
	return fmt.Sprintf("%+v", v.Interface())
}

// The provider type the tests configure is the provider's own.
var _ fwprovider.Provider = newProvider()
