package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// configured is embedded by every data source: it takes the reader that the
// provider's Configure hands out.
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

// ready reports whether the provider was configured, adding an error if not.
func (c *configured) ready(diags *diag.Diagnostics) bool {
	if c.reader == nil {
		diags.AddError("Provider not configured",
			"The eightxeight provider has no API client: its configuration was not known or not valid. See the provider's other errors.")
		return false
	}
	return true
}

// accountWebhooks returns the webhooks of an account, in the documented
// order, or adds why it cannot to diags.
func (c *configured) accountWebhooks(ctx context.Context, accountID string, diags *diag.Diagnostics) ([]client.Webhook, bool) {
	if !c.ready(diags) {
		return nil, false
	}
	hooks, err := c.reader.webhooks(ctx, accountID)
	if err != nil {
		addReadError(diags, accountID, err)
		return nil, false
	}
	return hooks, true
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
