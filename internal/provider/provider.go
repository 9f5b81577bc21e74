// Package provider is the Terraform side of terraform-provider-eightxeight:
// the provider and data source schemas, provider configuration, and the
// mapping from API webhooks to Terraform state. HTTP lives in
// internal/client.
package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// TypeName is the provider's local name and the prefix of its data sources.
const TypeName = "eightxeight"

var _ provider.Provider = (*Provider)(nil)

// Provider is the eightxeight provider, a terraform-plugin-framework
// provider. main.go serves it through internal/fastpath.
type Provider struct {
	version string
	getenv  func(string) string
	// clientConfig, when set, has the last word on the client's
	// configuration: tests replace the retry waits through it.
	clientConfig func(*client.Config)

	mu         sync.Mutex
	configured provider.ConfigureResponse // DataSourceData and Deferred of the last Configure
	configures uint64                     // how many times Configure was called
}

// New returns the provider at the given version ("dev" for local builds,
// "test" in tests). getenv looks up the settings' environment variables;
// nil means the process environment (tests pass their own, to run
// providers side by side).
func New(version string, getenv func(string) string) *Provider {
	if getenv == nil {
		getenv = osGetenv
	}
	return &Provider{version: version, getenv: getenv}
}

// providerModel is the provider block.
type providerModel struct {
	APIKey         types.String `tfsdk:"api_key"`
	Region         types.String `tfsdk:"region"`
	BaseURL        types.String `tfsdk:"base_url"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	CACertFile     types.String `tfsdk:"ca_cert_file"`
}

func (p *Provider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = TypeName
	resp.Version = p.version
}

func (p *Provider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the webhook configuration of 8x8 Chat Apps (CPaaS messaging) accounts: " +
			"which URL receives delivery receipts (`CADR`), inbound messages (`MSG`) and WhatsApp " +
			"business-management events (`CABM`), and with what authentication. Read-only: it never changes an 8x8 account. " +
			"Every setting can also come from an environment variable; a value in the provider block wins.",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				MarkdownDescription: "8x8 Connect API key, sent as `Authorization: Bearer <key>`: give the key alone, without `Bearer `. " +
					"Falls back to `" + EnvAPIKey + "` when left out or null; one of the two is required. An empty string " +
					"(`api_key = \"\"`, say from a variable that defaults to `\"\"`) is an error, not a fallback: it never " +
					"silently uses another key. Sensitive: it grants access to the " +
					"account, so Terraform hides it in plans and the provider masks it in every log line and error.",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{apiKeyValidator{}},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "The 8x8 region that holds the account; calls must go there. One of " +
					regionTable() + " Falls back to `" + EnvRegion + "`, then `" + client.DefaultRegion + "`. An error quotes " +
					"another value only when it looks like a region name (a region's name mistyped, or words that name regions, " +
					"such as `us-east`), and says a URL is one (set `base_url` instead). " +
					"Conflicts with `base_url`.",
				Optional: true,
				Validators: []validator.String{
					regionValidator{},
					stringvalidator.ConflictsWith(path.MatchRoot("base_url")),
				},
			},
			"base_url": schema.StringAttribute{
				MarkdownDescription: "Overrides the region's URL, e.g. for a proxy or a test server. Must be `https://` " +
					"unless the host is a loopback address (`localhost`, `127.0.0.0/8`, `::1`), so that the API key never " +
					"travels in clear text; a plain `http://` URL never goes through a proxy. A path is kept as a prefix in " +
					"front of `/api/v1` (a trailing `/api/v1` is recognized, not doubled); user info (any `@`), a query or a " +
					"fragment are refused, and an error masks whatever could be a user name or password and names the URL to " +
					"write (`localhost:18089` gets `http://localhost:18089`, and `0.0.0.0:18089`, where a server listens, " +
					"`http://127.0.0.1:18089`); a value that is not plausibly a URL or a host (an " +
					"API key given here, say) is never shown: the error gives its length. Falls back to `" + EnvBaseURL + "`; a `region` in the provider block wins over it.",
				Optional:   true,
				Validators: []validator.String{baseURLValidator{}},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "How long one HTTP attempt may take end to end (connect, headers and body), as a Go " +
					"duration such as `30s` or `1m30s`, at most `" + shortDuration(maxRequestTimeout) + "`. Falls back to `" +
					EnvRequestTimeout + "`, then `30s`. One read takes at most (`max_retries` + 1) × `request_timeout` + " +
					"`max_retries` × " + shortDuration(client.MaxRetryAfter) + ": " + shortDuration(worstCaseRead(client.DefaultRequestTimeout, client.DefaultMaxRetries)) +
					" with the defaults.",
				Optional:   true,
				Validators: []validator.String{durationValidator{}},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a request is retried after a transient failure: HTTP 429, 500, "+
					"502, 503 or 504, or a refused, reset or timed-out connection, a failed name lookup, or a connection broken in "+
					"the middle of the answer. Errors another attempt cannot mend (a 401, an untrusted certificate, plain HTTP on "+
					"an https URL, a proxy refusing the tunnel with a 4xx, a connection refused on a loopback address, where "+
					"nothing listens, say) are never retried. "+
					"Waits honor the API's `Retry-After` (up to %s), otherwise grow exponentially from %s to %s with jitter. "+
					"`0` sends each request once. Falls back to `%s`, then `%d`. At most %d.",
					shortDuration(client.MaxRetryAfter), client.DefaultRetryWaitMin, client.DefaultRetryWaitMax, EnvMaxRetries, client.DefaultMaxRetries, maxMaxRetries),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, maxMaxRetries)},
			},
			"ca_cert_file": schema.StringAttribute{
				MarkdownDescription: "Path to a PEM bundle of CA certificates trusted in addition to the system's, for networks " +
					"that intercept TLS. TLS verification is always on, with TLS 1.2 at least. Falls back to `" + EnvCACertFile + "`. " +
					"`HTTPS_PROXY` and `NO_PROXY` from the environment are honored. `~` is not expanded: write `pathexpand(\"~/ca.pem\")`. " +
					"An error quotes the path only when it is plausibly one (it ends with an extension such as `.pem`, names something " +
					"that exists through a folder, or is a lower-case path to a file in a folder from `/`, `~`, `./` or a drive letter; " +
					"and holds no `@`, `+`, `=` or colon but a drive letter's): any other value " +
					"(an API key given here, say) is described by its length.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
	}
}

func regionTable() string {
	var b strings.Builder
	for i, name := range client.RegionNames() {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "`%s` (%s)", name, client.Regions[name])
	}
	b.WriteString(".")
	return b.String()
}

func (p *Provider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	defer p.keep(resp)
	var model providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if unknown := model.unknownAttributes(); len(unknown) > 0 {
		if req.ClientCapabilities.DeferralAllowed {
			resp.Deferred = &provider.Deferred{Reason: provider.DeferredReasonProviderConfigUnknown}
			return
		}
		for _, name := range unknown {
			resp.Diagnostics.AddAttributeError(path.Root(name), "Provider configuration not known yet",
				fmt.Sprintf("The provider's %q depends on a value that is only known after apply, so the provider "+
					"cannot read from 8x8 during this plan. Set %q to a value known at plan time (or leave it out and "+
					"use its environment variable), or apply the resource it depends on first (terraform apply -target=…).", name, name))
		}
		return
	}

	cfg, diags := resolveConfig(model, p.getenv)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.UserAgent = fmt.Sprintf("terraform-provider-eightxeight/%s Terraform/%s", p.version, req.TerraformVersion)
	cfg.Logger = clientLogger{}
	cfg.Getenv = p.getenv // HTTPS_PROXY and NO_PROXY
	if p.clientConfig != nil {
		p.clientConfig(&cfg)
	}
	c, err := client.New(cfg)
	if err != nil {
		var proxyErr *client.ProxyEnvError
		if errors.As(err, &proxyErr) {
			resp.Diagnostics.AddError("Invalid "+proxyErr.Var, capitalize(err.Error())+".")
			return
		}
		if errors.Is(err, client.ErrCABundle) {
			s := setting{attr: "ca_cert_file", env: EnvCACertFile, inCfg: !model.CACertFile.IsNull()}
			s.invalid(&resp.Diagnostics, "Invalid ca_cert_file", err.Error())
			return
		}
		resp.Diagnostics.AddError("Invalid provider configuration", err.Error())
		return
	}
	ctx = withLogMasking(ctx, cfg.APIKey)
	tflog.Debug(ctx, "configured the 8x8 API client", map[string]any{
		"base_url": cfg.BaseURL, "request_timeout": cfg.RequestTimeout.String(), "max_retries": cfg.MaxRetries,
		"ca_cert_file": cfg.CACertFile, "worst_case_read": worstCaseRead(cfg.RequestTimeout, cfg.MaxRetries).String(),
	})
	resp.DataSourceData = newAccountCache(c, cfg.APIKey)
}

// keep records what Configure answered, for Configured.
func (p *Provider) keep(resp *provider.ConfigureResponse) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.configured = provider.ConfigureResponse{DataSourceData: resp.DataSourceData, Deferred: resp.Deferred}
	p.configures++
}

// Configured returns what the last Configure answered: the data handed to
// the data sources (nil when it failed or deferred) and the deferral, if
// any, with how many times Configure was called; zero values before
// Configure. A server that answers a data source's read itself
// (internal/fastpath) needs them, as the framework's does.
func (p *Provider) Configured() (dataSourceData any, deferred *provider.Deferred, configures uint64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.configured.DataSourceData, p.configured.Deferred, p.configures
}

func (p *Provider) Resources(context.Context) []func() resource.Resource { return nil }

func (p *Provider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewWebhooksDataSource,
		NewWebhookDataSource,
	}
}
