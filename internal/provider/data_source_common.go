package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// Every data source's Read is one function, readState, from its
// configuration to its state, with the state set as it is: the framework
// and internal/fastpath both call Read, and only what happens after it
// (the framework's walk over the state, and the encoding) differs.

// withAccounts is embedded by every data source: it takes the account cache
// that the provider's Configure hands out.
type withAccounts struct {
	accounts *accountCache
}

func (c *withAccounts) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil { // validation runs before the provider is configured
		return
	}
	r, ok := req.ProviderData.(*accountCache)
	if !ok {
		addBug(&resp.Diagnostics, "Unexpected provider data", fmt.Sprintf("expected *provider.accountCache, got %T", req.ProviderData))
		return
	}
	c.accounts = r
}

// readWith is a data source's Read: its readState, with the state it
// returns.
func readWith(ctx context.Context, readState func(context.Context, tfsdk.Config) (tftypes.Value, diag.Diagnostics), req datasource.ReadRequest, resp *datasource.ReadResponse) {
	state, diags := readState(ctx, req.Config)
	resp.Diagnostics.Append(diags...)
	if !diags.HasError() {
		resp.State.Raw = state
	}
}

// accountWebhooks returns the webhooks of an account, in the documented
// order, or adds why it cannot to diags.
func accountWebhooks(ctx context.Context, r *accountCache, accountID string, diags *diag.Diagnostics) ([]client.Webhook, bool) {
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

// argument is one configured attribute of a data source, by name.
type argument struct {
	name  string
	value attr.Value
}

// requireKnown adds an error for each argument whose value is not known
// yet, and reports whether all are. Terraform defers the read of a data
// source whose configuration is not wholly known, so this is a safeguard.
func requireKnown(diags *diag.Diagnostics, args ...argument) bool {
	known := true
	for _, a := range args {
		if a.value.IsUnknown() {
			known = false
			diags.AddAttributeError(path.Root(a.name), "Value not known yet",
				fmt.Sprintf("%s depends on a value known only after apply; Terraform should have deferred this read. Apply the resource it depends on first.", a.name))
		}
	}
	return known
}

// accountIDAttribute is the account_id argument every data source takes.
func accountIDAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		Required: true,
		MarkdownDescription: "The 8x8 account id (a UUID, dashes optional, 32 to 36 characters), as shown in the 8x8 Connect " +
			"portal. Checked before any request is made, as written: white space around it is an error (wrap a value read with " +
			"`file()` in `trimspace()`), and so are braces around it and invisible characters in it. The error quotes the value " +
			"only when it looks like a mistyped id, never, say, an API key given here.",
		Validators: []validator.String{accountIDValidator{}},
	}
}
