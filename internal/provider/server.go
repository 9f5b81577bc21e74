package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Server returns the provider's plugin protocol 6 server. The framework
// serves every call (schemas, validation, provider configuration, errors)
// except ReadDataSource of this provider's data sources, which is answered
// here from the same readState the framework's Read calls, and encoded by
// a msgpackEncoder compiled from the schema. What that skips is the
// framework's work after Read, which walks every value of the state several
// times (semantic equality, deep equality, null-block reification), and
// terraform-plugin-go's attribute path for every value it encodes: together
// most of the provider's time on a big read (BENCHMARKS.md). The response is
// the same: TestServer_sameAnswerAsTheFramework checks it.
func (p *Provider) Server() tfprotov6.ProviderServer {
	ctx := context.Background()
	fw := providerserver.NewProtocol6(p)()
	full, ok := fw.(frameworkServer)
	if !ok { // a framework without one of the optional parts: serve it as it is
		return fw
	}
	s := &server{frameworkServer: full, provider: p, dataSources: map[string]serverDataSource{}}
	for _, newDataSource := range p.DataSources(ctx) {
		ds, ok := newDataSource().(stateReader)
		if !ok {
			continue
		}
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: TypeName}, &meta)
		var sch datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &sch)
		typ := sch.Schema.Type().TerraformType(ctx)
		encode, _ := newMsgpackEncoder(typ) // nil for a type it does not know: then terraform-plugin-go's encoder
		s.dataSources[meta.TypeName] = serverDataSource{stateReader: ds, typ: typ, encode: encode}
	}
	return s
}

// frameworkServer is the framework's server with every optional part of
// the protocol, which the server passes on (terraform-plugin-go looks for
// them by type assertion).
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
	provider        *Provider
	dataSources     map[string]serverDataSource // by type name
}

type serverDataSource struct {
	stateReader
	typ    tftypes.Type   // of its configuration and state
	encode msgpackEncoder // its state's, or nil
}

// dynamicValue encodes a state value for the protocol.
func (ds serverDataSource) dynamicValue(state tftypes.Value) (tfprotov6.DynamicValue, error) {
	if ds.encode == nil {
		return tfprotov6.NewDynamicValue(ds.typ, state)
	}
	return ds.encode.dynamicValue(state)
}

func (s *server) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	ds, ok := s.dataSources[req.TypeName]
	if !ok {
		return s.frameworkServer.ReadDataSource(ctx, req)
	}
	resp := &tfprotov6.ReadDataSourceResponse{}
	r, deferred := s.provider.configuration()
	if deferred { // as the framework answers when Configure deferred
		unknown, err := tfprotov6.NewDynamicValue(ds.typ, tftypes.NewValue(ds.typ, tftypes.UnknownValue))
		if err != nil {
			return nil, err
		}
		resp.State = &unknown
		resp.Deferred = &tfprotov6.Deferred{Reason: tfprotov6.DeferredReasonProviderConfigUnknown}
		return resp, nil
	}
	if req.Config == nil {
		return bugResponse("no configuration in the ReadDataSource request", nil), nil
	}
	config, err := req.Config.Unmarshal(ds.typ)
	if err != nil {
		return bugResponse("unreadable configuration", err), nil
	}
	state, diags := ds.readState(ctx, r, config)
	resp.Diagnostics = protocolDiagnostics(diags)
	if diags.HasError() { // with the configuration as the state, as the framework answers
		resp.State = req.Config
		return resp, nil
	}
	dv, err := ds.dynamicValue(state)
	if err != nil {
		return bugResponse("cannot encode the state", err), nil
	}
	resp.State = &dv
	return resp, nil
}

// bugResponse answers a read that failed for a reason only a bug in the
// provider (or in the protocol's other end) can cause: as an error
// diagnostic, the way Terraform shows every error of a read.
func bugResponse(what string, err error) *tfprotov6.ReadDataSourceResponse {
	detail := "This is a bug in the provider; please report it: " + what
	if err != nil {
		detail += ": " + err.Error()
	}
	return &tfprotov6.ReadDataSourceResponse{Diagnostics: []*tfprotov6.Diagnostic{{
		Severity: tfprotov6.DiagnosticSeverityError, Summary: "Cannot read the data source", Detail: detail,
	}}}
}

// protocolDiagnostics converts diagnostics to the protocol's, as the
// framework does.
func protocolDiagnostics(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	out := make([]*tfprotov6.Diagnostic, 0, len(diags))
	for _, d := range diags {
		pd := &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityError, Summary: d.Summary(), Detail: d.Detail()}
		if d.Severity() == diag.SeverityWarning {
			pd.Severity = tfprotov6.DiagnosticSeverityWarning
		}
		if dp, ok := d.(diag.DiagnosticWithPath); ok {
			pd.Attribute = attributePath(dp.Path())
		}
		out = append(out, pd)
	}
	return out
}

// attributePath converts a framework path to the protocol's.
func attributePath(p path.Path) *tftypes.AttributePath {
	ap := tftypes.NewAttributePath()
	for _, step := range p.Steps() {
		switch s := step.(type) {
		case path.PathStepAttributeName:
			ap = ap.WithAttributeName(string(s))
		case path.PathStepElementKeyString:
			ap = ap.WithElementKeyString(string(s))
		case path.PathStepElementKeyInt:
			ap = ap.WithElementKeyInt(int(s))
		default: // a set element: this provider's diagnostics never point into one
			return ap
		}
	}
	return ap
}
