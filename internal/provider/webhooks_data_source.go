package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var (
	_ datasource.DataSource              = (*webhooksDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*webhooksDataSource)(nil)
)

// NewWebhooksDataSource returns the eightxeight_webhooks data source.
func NewWebhooksDataSource() datasource.DataSource { return &webhooksDataSource{} }

type webhooksDataSource struct{ configured }

type webhooksDataSourceModel struct {
	AccountID    types.String `tfsdk:"account_id"`
	Type         types.String `tfsdk:"type"`
	SubAccountID types.String `tfsdk:"sub_account_id"`
	Enabled      types.Bool   `tfsdk:"enabled"`
	Webhooks     types.List   `tfsdk:"webhooks"`
}

func (d *webhooksDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhooks"
}

func (d *webhooksDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every webhook configured for an 8x8 Chat Apps account: where 8x8 delivers delivery receipts, " +
			"inbound messages and business-management events, for the whole account or per sub-account, and with what " +
			"authentication. One `GET /api/v1/accounts/{accountId}/webhooks` call.",
		Attributes: map[string]schema.Attribute{
			"account_id": accountIDAttribute(),
			"type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only webhooks of this type, e.g. `CADR`, `MSG` or `CABM` (exact, case-sensitive match).",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"sub_account_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only webhooks of this sub-account; `*` selects the account-wide ones.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"enabled": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Only enabled (`true`) or only disabled (`false`) webhooks.",
			},
			"webhooks": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The account's webhooks that match every filter given (`type`, `sub_account_id`, `enabled`); " +
					"an empty list when none do. " + sortOrderDoc,
				NestedObject: schema.NestedAttributeObject{Attributes: webhookAttributes()},
			},
		},
	}
}

func (d *webhooksDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model webhooksDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	hooks, ok := d.accountWebhooks(ctx, model.AccountID.ValueString(), &resp.Diagnostics)
	if !ok {
		return
	}
	filter := webhookFilter{Type: model.Type, SubAccountID: model.SubAccountID, Enabled: model.Enabled}
	setState(ctx, req.Config, map[string]tftypes.Value{"webhooks": webhookList(filter.apply(hooks))}, &resp.State, &resp.Diagnostics)
}
