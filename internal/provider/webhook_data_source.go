package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

var (
	_ datasource.DataSource              = (*webhookDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*webhookDataSource)(nil)
)

// NewWebhookDataSource returns the eightxeight_webhook data source.
func NewWebhookDataSource() datasource.DataSource { return &webhookDataSource{} }

type webhookDataSource struct{ configured }

func (d *webhookDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook"
}

func (d *webhookDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := webhookAttributes()
	attrs["account_id"] = accountIDAttribute()
	attrs["type"] = schema.StringAttribute{
		Required: true,
		MarkdownDescription: "The webhook's type: `CADR` (delivery receipts), `MSG` (inbound messages), `CABM` " +
			"(WhatsApp business-management events) or any type the API returns. Exact, case-sensitive match.",
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["sub_account_id"] = schema.StringAttribute{
		Required:            true,
		MarkdownDescription: "The webhook's sub-account; `*` for the account-wide webhook. Exact match.",
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One webhook of an 8x8 Chat Apps account, found by `(type, sub_account_id)`, the pair by which " +
			"8x8 identifies a webhook. The natural source for feeding one webhook URL into another resource. No such " +
			"webhook is an error that lists the pairs the account does have. Reads through the same single request " +
			"per account as `eightxeight_webhooks`.",
		Attributes: attrs,
	}
}

func (d *webhookDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var accountID types.String
	key := webhookFilter{Enabled: types.BoolNull()} // the (type, sub_account_id) pair
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("account_id"), &accountID)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("type"), &key.Type)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("sub_account_id"), &key.SubAccountID)...)
	if resp.Diagnostics.HasError() {
		return
	}
	hooks, ok := d.accountWebhooks(ctx, accountID.ValueString(), &resp.Diagnostics)
	if !ok {
		return
	}
	typ, sub := key.Type.ValueString(), key.SubAccountID.ValueString()
	found := key.apply(hooks)
	switch {
	case len(found) == 0:
		resp.Diagnostics.AddAttributeError(path.Root("type"), "No such webhook",
			fmt.Sprintf("Account %s has no webhook of type %q for sub-account %q.\n\n%s", accountID.ValueString(), typ, sub, existingPairs(hooks)))
		return
	case len(found) > 1:
		resp.Diagnostics.AddWarning("More than one webhook matched",
			fmt.Sprintf("The 8x8 API returned %d webhooks of type %q for sub-account %q in account %s, though it keeps one per pair; "+
				"this data source shows the first in the documented order.", len(found), typ, sub, accountID.ValueString()))
	}
	setState(ctx, req.Config, webhookValues(found[0]), &resp.State, &resp.Diagnostics)
}

// existingPairs lists the (type, sub_account_id) pairs an account has, for
// an error message.
func existingPairs(hooks []client.Webhook) string {
	if len(hooks) == 0 {
		return "The account has no webhooks at all."
	}
	const most = 50
	var b strings.Builder
	b.WriteString("The account's webhooks (type, sub_account_id):\n")
	for i, w := range hooks {
		if i == most {
			fmt.Fprintf(&b, "  … and %d more\n", len(hooks)-most)
			break
		}
		typ := w.Type
		if typ == "" {
			typ = "(no type)"
		}
		fmt.Fprintf(&b, "  (%s, %s)\n", typ, w.SubAccountID)
	}
	return strings.TrimRight(b.String(), "\n")
}
