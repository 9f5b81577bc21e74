// Package fastpath serves a terraform-plugin-framework provider over plugin
// protocol 6 with one exception: ReadDataSource, which it answers itself
// for the data sources it can. Everything else, schemas, validation,
// provider configuration, functions and every request it does not expect,
// the framework's own server answers.
//
// # Why
//
// After a data source's Read, the framework walks every value of the state
// several times (semantic equality, then a deep comparison of the result),
// and terraform-plugin-go builds an attribute path for every value it
// encodes. For a state of thousands of webhooks that is most of the
// provider's time: at 10,000 webhooks, 763 ms per read through the
// framework against 113 ms here (BENCHMARKS.md; make bench measures both
// routes). The read itself is the same call on both routes: the data
// source's own Read, with the request the framework would build.
//
// # What it skips, and why that is safe
//
//   - Semantic equality after Read: NewServer serves a data source itself
//     only when no type in its schema has semantic equality.
//   - The framework's handling of blocks (empty list and set blocks made
//     null before Read, null ones made empty after): NewServer serves a
//     data source itself only when its schema has no blocks.
//   - terraform-plugin-go's encoder: the state is encoded by a MessagePack
//     encoder compiled from the schema (msgpack.go), which writes the same
//     value (TestEncoder_sameValueAsTerraformPluginGo, FuzzEncoder). A type
//     it does not know leaves the data source to the framework.
//   - The framework's TRACE lines around Read, and its registration of the
//     request's context for StopProvider: terraform-plugin-go's server
//     cancels every request's context when Terraform stops the provider.
//
// A request the fast path does not expect (no configuration, a
// configuration that does not decode, provider_meta) goes to the
// framework, so its answer is the framework's by construction.
// TestNewServer_sameAnswersAsTheFramework compares both routes over every
// field of the response; TestNewServer_servesEveryPartOfTheFramework fails
// when a dependency upgrade gives the framework's server a method or an
// optional interface this server would hide.
//
// # The way out
//
// The cost is upstream's: terraform-plugin-framework issues #775 (post-Read
// work on large states), #1314 and #1322, and pull request #1315. When an
// upgrade closes the gap (BenchmarkReadDataSource and make bench report
// both routes), delete this folder and serve providerserver.NewProtocol6(p)()
// in main.go.
package fastpath

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Provider is a framework provider whose data sources the fast path can
// read: it tells what its Configure answered, which the framework's server
// keeps to itself.
type Provider interface {
	provider.Provider
	// Configured returns the DataSourceData and Deferred of the last
	// Configure's response, and how many times Configure has been called
	// (zero values before Configure).
	Configured() (dataSourceData any, deferred *provider.Deferred, configures uint64)
}

// NewServer returns p's protocol 6 server: the framework's, with the read
// of p's data sources answered here.
func NewServer(p Provider) tfprotov6.ProviderServer {
	ctx := context.Background()
	fw := providerserver.NewProtocol6(p)()
	full, ok := fw.(frameworkServer)
	if !ok { // a framework without one of the optional parts: serve it as it is
		return fw
	}
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	s := &server{frameworkServer: full, provider: p, dataSources: map[string]dataSource{}}
	for _, newDataSource := range p.DataSources(ctx) {
		if ds, ok := newDataSourceOf(ctx, meta.TypeName, newDataSource); ok {
			s.dataSources[ds.typeName] = ds
		}
	}
	return s
}

// frameworkServer is the framework's server with every optional part of
// the protocol it has, which the server passes on (terraform-plugin-go
// looks for them by type assertion).
//
//nolint:staticcheck // deprecated for a future ProviderServer that holds them all; terraform-plugin-go v0.31 still asserts them
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ProviderServerWithListResource
	tfprotov6.ProviderServerWithActions
	tfprotov6.ProviderServerWithStateStores
}

type server struct {
	frameworkServer // the framework's
	provider        Provider
	dataSources     map[string]dataSource // the ones read here, by type name

	// What the framework's server keeps of ConfigureProvider.
	mu             sync.Mutex
	configures     uint64 // the provider's count of Configure calls when last read
	dataSourceData any
	deferred       *provider.Deferred
}

// dataSource is one data source the fast path reads.
type dataSource struct {
	typeName string
	new      func() datasource.DataSource // a new instance for every read, as the framework makes
	schema   tfsdk.Config                 // its schema, with no value
	typ      tftypes.Type                 // of its configuration and state
	encode   encoder
}

// newDataSourceOf describes the data source newDataSource makes, if the
// fast path can read it: one whose schema has no blocks and no semantic
// equality, and whose state it can encode.
func newDataSourceOf(ctx context.Context, providerTypeName string, newDataSource func() datasource.DataSource) (dataSource, bool) {
	ds := newDataSource()
	var meta datasource.MetadataResponse
	ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: providerTypeName}, &meta)
	var sch datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sch)
	if sch.Diagnostics.HasError() || len(sch.Schema.Blocks) > 0 || hasSemanticEquality(ctx, sch.Schema) {
		return dataSource{}, false
	}
	typ := sch.Schema.Type().TerraformType(ctx)
	encode, err := newEncoder(typ)
	if err != nil {
		return dataSource{}, false
	}
	return dataSource{typeName: meta.TypeName, new: newDataSource, schema: tfsdk.Config{Schema: sch.Schema}, typ: typ, encode: encode}, true
}

func (s *server) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	resp, err := s.frameworkServer.ConfigureProvider(ctx, req)
	data, deferred, configures := s.provider.Configured()
	allowed := req != nil && req.ClientCapabilities != nil && req.ClientCapabilities.DeferralAllowed
	s.mu.Lock()
	defer s.mu.Unlock()
	// What the framework keeps: nothing when it did not call Configure (a
	// configuration it could not decode), and nothing of a deferral
	// Terraform cannot take (it answers an error instead).
	if configures != s.configures && (deferred == nil || allowed) {
		s.dataSourceData, s.deferred = data, deferred
	}
	s.configures = configures
	return resp, err
}

func (s *server) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	ds, ok := s.dataSources[req.TypeName]
	if !ok || req.Config == nil || req.ProviderMeta != nil {
		return s.frameworkServer.ReadDataSource(ctx, req)
	}
	config, err := req.Config.Unmarshal(ds.typ)
	if err != nil {
		return s.frameworkServer.ReadDataSource(ctx, req)
	}
	s.mu.Lock()
	data, deferred := s.dataSourceData, s.deferred
	s.mu.Unlock()
	if deferred != nil { // as the framework answers after Configure deferred
		unknown, err := tfprotov6.NewDynamicValue(ds.typ, tftypes.NewValue(ds.typ, tftypes.UnknownValue))
		if err != nil {
			return nil, err
		}
		return &tfprotov6.ReadDataSourceResponse{State: &unknown, Deferred: &tfprotov6.Deferred{Reason: tfprotov6.DeferredReason(deferred.Reason)}}, nil
	}

	// From here on, what the framework's ReadDataSource does, up to Read.
	instance := ds.new()
	if c, ok := instance.(datasource.DataSourceWithConfigure); ok {
		var cr datasource.ConfigureResponse
		c.Configure(ctx, datasource.ConfigureRequest{ProviderData: data}, &cr)
		if cr.Diagnostics.HasError() {
			return &tfprotov6.ReadDataSourceResponse{Diagnostics: protocolDiagnostics(ctx, cr.Diagnostics)}, nil
		}
	}
	readReq := datasource.ReadRequest{Config: ds.schema}
	readReq.Config.Raw = config
	if req.ClientCapabilities != nil {
		readReq.ClientCapabilities.DeferralAllowed = req.ClientCapabilities.DeferralAllowed
	}
	readResp := datasource.ReadResponse{State: tfsdk.State{Schema: ds.schema.Schema, Raw: config.Copy()}}
	instance.Read(ctx, readReq, &readResp)

	resp := &tfprotov6.ReadDataSourceResponse{Diagnostics: protocolDiagnostics(ctx, readResp.Diagnostics)}
	if readResp.Deferred != nil {
		resp.Deferred = &tfprotov6.Deferred{Reason: tfprotov6.DeferredReason(readResp.Deferred.Reason)}
	}
	dv, err := ds.encode.dynamicValue(readResp.State.Raw)
	if err != nil { // a value the encoder does not take (an unknown one, say): terraform-plugin-go's encoder
		dv, err = tfprotov6.NewDynamicValue(ds.typ, readResp.State.Raw)
	}
	if err != nil { // the framework's answer to a state it cannot convert
		resp.Diagnostics = append(resp.Diagnostics, &tfprotov6.Diagnostic{
			Severity: tfprotov6.DiagnosticSeverityError, Summary: "Unable to Convert State",
			Detail: "An unexpected error was encountered when converting the state to the protocol type. This is always an issue in " +
				"terraform-plugin-framework used to implement the provider and should be reported to the provider developers.\n\n" +
				"Please report this to the provider developer:\n\n" + err.Error(),
		})
		return resp, nil //nolint:nilerr // the error is the diagnostic
	}
	resp.State = &dv
	return resp, nil
}

// hasSemanticEquality reports whether any type in the schema has semantic
// equality, which the framework applies after Read and the fast path does
// not.
func hasSemanticEquality(ctx context.Context, sch interface{ Type() attr.Type }) bool {
	var walk func(t attr.Type) bool
	walk = func(t attr.Type) bool {
		switch t.ValueType(ctx).(type) {
		case basetypes.StringValuableWithSemanticEquals, basetypes.BoolValuableWithSemanticEquals,
			basetypes.NumberValuableWithSemanticEquals, basetypes.Int64ValuableWithSemanticEquals,
			basetypes.Int32ValuableWithSemanticEquals, basetypes.Float64ValuableWithSemanticEquals,
			basetypes.Float32ValuableWithSemanticEquals, basetypes.ListValuableWithSemanticEquals,
			basetypes.MapValuableWithSemanticEquals, basetypes.SetValuableWithSemanticEquals,
			basetypes.ObjectValuableWithSemanticEquals, basetypes.DynamicValuableWithSemanticEquals:
			return true
		}
		if e, ok := t.(attr.TypeWithElementType); ok && walk(e.ElementType()) {
			return true
		}
		if o, ok := t.(attr.TypeWithAttributeTypes); ok {
			for _, a := range o.AttributeTypes() {
				if walk(a) {
					return true
				}
			}
		}
		return false
	}
	return walk(sch.Type())
}

// protocolDiagnostics converts diagnostics to the protocol's, as the
// framework does.
func protocolDiagnostics(ctx context.Context, diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range diags {
		pd := &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityInvalid, Summary: d.Summary(), Detail: d.Detail()}
		switch d.Severity() {
		case diag.SeverityError:
			pd.Severity = tfprotov6.DiagnosticSeverityError
		case diag.SeverityWarning:
			pd.Severity = tfprotov6.DiagnosticSeverityWarning
		}
		if dp, ok := d.(diag.DiagnosticWithPath); ok {
			pd.Attribute = attributePath(ctx, dp.Path())
		}
		out = append(out, pd)
	}
	return out
}

// attributePath converts a framework path to the protocol's.
func attributePath(ctx context.Context, p path.Path) *tftypes.AttributePath {
	ap := tftypes.NewAttributePath()
	for _, step := range p.Steps() {
		switch s := step.(type) {
		case path.PathStepAttributeName:
			ap = ap.WithAttributeName(string(s))
		case path.PathStepElementKeyString:
			ap = ap.WithElementKeyString(string(s))
		case path.PathStepElementKeyInt:
			ap = ap.WithElementKeyInt(int(s))
		case path.PathStepElementKeyValue:
			v, err := s.ToTerraformValue(ctx)
			if err != nil {
				return ap
			}
			ap = ap.WithElementKeyValue(v)
		}
	}
	return ap
}
