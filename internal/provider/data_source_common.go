package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// stateReader is a data source whose whole read is one step from its
// configuration value to its state value. The framework's Read and the
// provider's protocol server (server.go) both call readState, so the two
// routes cannot drift apart.
type stateReader interface {
	datasource.DataSource
	readState(ctx context.Context, r *reader, config tftypes.Value) (tftypes.Value, diag.Diagnostics)
}

// configured is embedded by every data source: it takes the reader that the
// provider's Configure hands out, for the framework's Read.
type configured struct {
	reader *reader
}

func (c *configured) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil { // validation runs before the provider is configured
		return
	}
	r, ok := req.ProviderData.(*reader)
	if !ok {
		resp.Diagnostics.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *provider.reader, got %T. This is a bug in the provider; please report it.", req.ProviderData))
		return
	}
	c.reader = r
}

// frameworkRead is a data source's Read when the framework serves it.
func (c *configured) frameworkRead(ctx context.Context, ds stateReader, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	state, diags := ds.readState(ctx, c.reader, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if !diags.HasError() {
		resp.State.Raw = state
	}
}

// accountWebhooks returns the webhooks of an account, in the documented
// order, or adds why it cannot to diags.
func accountWebhooks(ctx context.Context, r *reader, accountID string, diags *diag.Diagnostics) ([]client.Webhook, bool) {
	if r == nil {
		diags.AddError("Provider not configured",
			"The eightxeight provider has no API client: its configuration was not known or not valid. See the provider's other errors.")
		return nil, false
	}
	hooks, err := r.webhooks(ctx, accountID)
	if err != nil {
		addReadError(diags, accountID, err)
		return nil, false
	}
	return hooks, true
}

// arguments are a data source's configured attribute values, read-only.
type arguments map[string]tftypes.Value

// argumentsOf reads the attributes of a configuration value without
// copying or changing it.
func argumentsOf(config tftypes.Value, diags *diag.Diagnostics) arguments {
	var args map[string]tftypes.Value
	if err := config.As(&args); err != nil {
		diags.AddError("Unreadable data source configuration", "This is a bug in the provider; please report it: "+err.Error())
	}
	return args
}

// str is a string argument; nil when null.
func (a arguments) str(name string, diags *diag.Diagnostics) *string {
	var s *string
	a.get(name, &s, diags)
	return s
}

// boolean is a bool argument; nil when null.
func (a arguments) boolean(name string, diags *diag.Diagnostics) *bool {
	var b *bool
	a.get(name, &b, diags)
	return b
}

func (a arguments) get(name string, dst any, diags *diag.Diagnostics) {
	v, ok := a[name]
	switch {
	case !ok:
		diags.AddError("Unreadable data source configuration", fmt.Sprintf("No attribute %q. This is a bug in the provider; please report it.", name))
	case !v.IsKnown():
		diags.AddAttributeError(path.Root(name), "Value not known yet",
			fmt.Sprintf("%s depends on a value known only after apply; Terraform should have deferred this read. Apply the resource it depends on first.", name))
	default:
		if err := v.As(dst); err != nil {
			diags.AddAttributeError(path.Root(name), "Unreadable value", err.Error())
		}
	}
}

// accountIDAttribute is the account_id argument every data source takes.
func accountIDAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		Required: true,
		MarkdownDescription: "The 8x8 account id (a UUID, dashes optional, 32 to 36 characters), as shown in the 8x8 Connect " +
			"portal. Checked before any request is made.",
		Validators: accountIDValidators(),
	}
}
