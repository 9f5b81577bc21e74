package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var _ datasource.DataSourceWithConfigure = (*webhooksDataSource)(nil)

// NewWebhooksDataSource returns the eightxeight_webhooks data source.
func NewWebhooksDataSource() datasource.DataSource { return &webhooksDataSource{} }

type webhooksDataSource struct{ withAccounts }

// webhooksModel is the configuration and state of eightxeight_webhooks.
// readState builds the state's webhooks and credentials as tftypes values
// (webhook_state.go): they are the big part of the state.
type webhooksModel struct {
	AccountID    types.String `tfsdk:"account_id"`
	Type         types.String `tfsdk:"type"`
	SubAccountID types.String `tfsdk:"sub_account_id"`
	Enabled      types.Bool   `tfsdk:"enabled"`
	Webhooks     types.List   `tfsdk:"webhooks"`
	Credentials  types.Map    `tfsdk:"credentials"`
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
				Optional: true,
				MarkdownDescription: "Only webhooks of this type, e.g. `CADR`, `MSG` or `CABM` (exact, case-sensitive match). " +
					"A type no webhook of the account has gives a warning naming the types it does have.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"sub_account_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only webhooks of this sub-account; `*` selects the account-wide ones. A sub-account no " +
					"webhook of the account has gives a warning naming the ones it does have.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"enabled": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Only enabled (`true`) or only disabled (`false`) webhooks.",
			},
			"webhooks": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The account's webhooks that match every filter given (`type`, `sub_account_id`, `enabled`); " +
					"an empty list when none do. " + sortOrderDoc + " Nothing in it is sensitive: output it, `jsonencode` it " +
					"or key a `for_each` by `key` as it is. The secrets are in `credentials`.",
				NestedObject: schema.NestedAttributeObject{Attributes: webhookAttributes()},
			},
			"credentials": credentialsAttribute(),
		},
	}
}

func (d *webhooksDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWith(ctx, d.readState, req, resp)
}

// readState reads the account and returns the data source's state.
func (d *webhooksDataSource) readState(ctx context.Context, config tfsdk.Config) (tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	var m webhooksModel
	if diags.Append(config.Get(ctx, &m)...); diags.HasError() {
		return tftypes.Value{}, diags
	}
	if !requireKnown(&diags, argument{"account_id", m.AccountID}, argument{"type", m.Type},
		argument{"sub_account_id", m.SubAccountID}, argument{"enabled", m.Enabled}) {
		return tftypes.Value{}, diags
	}
	accountID := m.AccountID.ValueString()
	filter := webhookFilter{Type: m.Type.ValueStringPointer(), SubAccountID: m.SubAccountID.ValueStringPointer(), Enabled: m.Enabled.ValueBoolPointer()}
	hooks, ok := accountWebhooks(ctx, d.accounts, accountID, &diags)
	if !ok {
		return tftypes.Value{}, diags
	}
	filter.warnUnmatched(accountID, hooks, &diags)
	unique, dropped := uniqueByKey(filter.apply(hooks))
	if len(dropped) > 0 {
		diags.AddWarning("More than one webhook with one key",
			fmt.Sprintf("The 8x8 API returned more than one webhook for each of these keys in account %s: %s. 8x8 keeps one "+
				"webhook per (type, sub-account) pair, and Terraform holds two Unicode spellings of one name as one. The list and "+
				"credentials hold the first of each in the documented order.",
				accountID, quotedList(slices.Compact(dropped), 20)))
	}
	list, err := webhookList(ctx, unique)
	if err != nil {
		diags.AddError("8x8 API read canceled", fmt.Sprintf("Reading the webhooks of account %s was canceled (for example by Ctrl-C): %v.", accountID, err))
		return tftypes.Value{}, diags
	}
	state := stateFromConfig(config.Raw, &diags, map[string]tftypes.Value{"webhooks": list, "credentials": credentialsMap(unique)})
	return state, diags
}
