package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = webhookKeyFunction{}

// NewWebhookKeyFunction returns provider::eightxeight::webhook_key.
func NewWebhookKeyFunction() function.Function { return webhookKeyFunction{} }

// webhookKeyFunction builds a webhook's key with keyOf, the function the
// data sources build theirs with.
type webhookKeyFunction struct{}

func (webhookKeyFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "webhook_key"
}

func (webhookKeyFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The key of a webhook, from its type and sub-account, as the data sources build it",
		MarkdownDescription: "Returns the key that `eightxeight_webhooks` and `eightxeight_webhook` give the webhook of this " +
			"type and sub-account: " + keyDoc + " Types and sub-accounts are taken in Unicode normal form C, as the data " +
			"sources take them. Use it to write the keys of `webhooks_drift`'s `expected` argument, of `credentials[…]` " +
			"or of `for_each` maps without knowing these rules: the two always agree. " + functionsNeed,
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:           "type",
				AllowNullValue: true,
				MarkdownDescription: "The webhook's type: `CADR`, `MSG`, `CABM` or any type the API returns. Null or `\"\"` for " +
					"a webhook the API returns without a type (its key is `\"/<sub_account_id>\"`). " + openTofuNull,
			},
			function.StringParameter{
				// Not nullable: the CLI refuses null, naming the argument
				// (OpenTofu would send a nullable one as nothing at all).
				Name:                "sub_account_id",
				MarkdownDescription: "The webhook's sub-account; `*` for the account-wide webhook. Null or `\"\"` is an error naming this argument.",
			},
		},
		Return: function.StringReturn{},
	}
}

// openTofuNull says what OpenTofu does with a null argument.
const openTofuNull = "On OpenTofu (1.12.6 at least), a null argument of a provider function does not reach the provider " +
	"(it fails with `Unable to Convert Function Argument` … `DynamicValue had no JSON or msgpack data set`): write `\"\"` " +
	"there, e.g. `webhook_key(w.type == null ? \"\" : w.type, w.sub_account_id)`."

func (webhookKeyFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var typ, sub types.String
	if resp.Error = req.Arguments.Get(ctx, &typ, &sub); resp.Error != nil {
		return
	}
	// Terraform does not call the function with an unknown argument (the
	// parameters do not allow them); should one come, the key is unknown.
	if typ.IsUnknown() || sub.IsUnknown() {
		resp.Error = resp.Result.Set(ctx, types.StringUnknown())
		return
	}
	switch {
	case sub.IsNull(): // Terraform refuses null before calling (the parameter does not allow it)
		resp.Error = function.NewArgumentFuncError(1, `sub_account_id is null: a webhook key needs the sub-account, "*" for the account-wide webhook`)
		return
	case sub.ValueString() == "":
		resp.Error = function.NewArgumentFuncError(1, `sub_account_id is empty: a webhook key needs the sub-account, "*" for the account-wide webhook`)
		return
	}
	resp.Error = resp.Result.Set(ctx, keyOf(typ.ValueString(), sub.ValueString()))
}
