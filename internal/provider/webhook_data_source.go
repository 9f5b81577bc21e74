package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*webhookDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*webhookDataSource)(nil)
	_ stateReader                               = (*webhookDataSource)(nil)
)

// NewWebhookDataSource returns the eightxeight_webhook data source.
func NewWebhookDataSource() datasource.DataSource { return &webhookDataSource{} }

type webhookDataSource struct{ configured }

func (d *webhookDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook"
}

func (d *webhookDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := webhookAttributes()
	for name, a := range secretAttributes(true) {
		attrs[name] = a
	}
	attrs["account_id"] = accountIDAttribute()
	attrs["type"] = schema.StringAttribute{
		Optional: true, Computed: true,
		MarkdownDescription: "The webhook's type: `CADR` (delivery receipts), `MSG` (inbound messages), `CABM` " +
			"(WhatsApp business-management events) or any type the API returns. Exact, case-sensitive match. Give it with " +
			"`sub_account_id`, or give `key` instead; null when the webhook has no type.",
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["sub_account_id"] = schema.StringAttribute{
		Optional: true, Computed: true,
		MarkdownDescription: "The webhook's sub-account; `*` for the account-wide webhook. Exact match. Give it with `type`, " +
			"or give `key` instead.",
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["key"] = schema.StringAttribute{
		Optional: true, Computed: true,
		MarkdownDescription: "Selects the webhook by its key instead of `type` and `sub_account_id`: " + keyDoc +
			" The only way to select a webhook that has no type, e.g. `key = \"/Onion_Marketing\"`.",
		Validators: []validator.String{stringvalidator.RegexMatches(keyPattern, `must be "<type>/<sub_account_id>", e.g. "CADR/Onion_Marketing", "MSG/*" or "/Onion_Marketing" for a webhook without a type`)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One webhook of an 8x8 Chat Apps account, found by `type` and `sub_account_id` (the pair by which " +
			"8x8 identifies a webhook) or by `key`. The natural source for feeding one webhook URL into another resource. No " +
			"such webhook is an error that lists the keys the account does have. Reads through the same single request " +
			"per account as `eightxeight_webhooks`.",
		Attributes: attrs,
	}
}

// keyPattern is a key: an optional type, a slash, a sub-account.
var keyPattern = regexp.MustCompile(`^[^/]*/.+$`)

func (d *webhookDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("key"), path.MatchRoot("sub_account_id")),
		datasourcevalidator.RequiredTogether(path.MatchRoot("type"), path.MatchRoot("sub_account_id")),
		datasourcevalidator.Conflicting(path.MatchRoot("key"), path.MatchRoot("type")),
	}
}

func (d *webhookDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	d.frameworkRead(ctx, d, req, resp)
}

func (d *webhookDataSource) readState(ctx context.Context, r *reader, config tftypes.Value) (tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	args := argumentsOf(config, &diags)
	accountID := args.str("account_id", &diags)
	typ, sub, key := args.str("type", &diags), args.str("sub_account_id", &diags), args.str("key", &diags)
	if diags.HasError() || accountID == nil {
		return tftypes.Value{}, diags
	}
	var want, what string
	at := path.Root("key")
	switch {
	case key != nil:
		want, what = *key, fmt.Sprintf("with key %q", *key)
	case typ != nil && sub != nil:
		want, what, at = *typ+"/"+*sub, fmt.Sprintf("of type %q for sub-account %q", *typ, *sub), path.Root("type")
	default: // the config validators make this unreachable from Terraform
		diags.AddError("No webhook selected", "Set key, or type and sub_account_id.")
		return tftypes.Value{}, diags
	}
	hooks, ok := accountWebhooks(ctx, r, *accountID, &diags)
	if !ok {
		return tftypes.Value{}, diags
	}
	var found []client.Webhook
	for _, w := range hooks {
		if webhookKey(w) == want {
			found = append(found, w)
		}
	}
	switch {
	case len(found) == 0:
		diags.AddAttributeError(at, "No such webhook",
			fmt.Sprintf("Account %s has no webhook %s.\n\n%s", *accountID, what, existingKeys(hooks)))
		return tftypes.Value{}, diags
	case len(found) > 1:
		diags.AddWarning("More than one webhook matched",
			fmt.Sprintf("The 8x8 API returned %d webhooks %s in account %s, though it keeps one per (type, sub-account) pair; "+
				"this data source shows the first in the documented order.", len(found), what, *accountID))
	}
	state, err := stateFromConfig(config, webhookValues(found[0]), secretValues(found[0]))
	if err != nil {
		diags.AddError("Cannot build the data source's state", "This is a bug in the provider; please report it: "+err.Error())
	}
	return state, diags
}

// existingKeys lists the keys an account has, for an error message.
func existingKeys(hooks []client.Webhook) string {
	if len(hooks) == 0 {
		return "The account has no webhooks at all."
	}
	keys := make([]string, len(hooks))
	for i, w := range hooks {
		keys[i] = webhookKey(w)
	}
	return "The account's webhooks, by key (\"<type>/<sub_account_id>\"):\n  " + strings.Join(quoted(keys, 50), "\n  ")
}
