package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var _ function.Function = webhooksDriftFunction{}

// NewWebhooksDriftFunction returns provider::eightxeight::webhooks_drift.
func NewWebhooksDriftFunction() function.Function { return webhooksDriftFunction{} }

// webhooksDriftFunction compares the webhooks expected with those of an
// account (webhooksDrift).
type webhooksDriftFunction struct{}

func (webhooksDriftFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "webhooks_drift"
}

func (webhooksDriftFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The differences between the webhooks expected and those of an account, one line each",
		MarkdownDescription: "Compares the webhooks that should exist with the ones an account has, and returns one line per " +
			"difference, sorted by key, then attribute; an empty list when there is none. A drift check is then two lines: " +
			"`condition = length(local.webhooks_drift) == 0` and `error_message = join(\"\\n\", local.webhooks_drift)` in a " +
			"`check` block, or the same with the function called on `self.webhooks` in the data source's postcondition.\n\n" +
			"Each line starts with the webhook's key (quoted when it is empty or holds white space at an end, a character " +
			"that does not print, a quote, a backslash or `: `) and says what differs, values written as in Terraform, strings quoted so that hidden white space " +
			"shows:\n\n" +
			"- `CADR/Sales: missing (expected, not in the account)`\n" +
			"- `MSG/*: unexpected (in the account, not expected)`\n" +
			"- `MSG/Onion_Marketing: url is \"https://a.example\" in the account, expected \"https://b.example\"`\n" +
			"- `CADR/Onion_Marketing: oauth.scope is \"read write\" in the account, expected \"read\"`\n" +
			"- `MSG/*: oauth is null in the account, expected {client_id = \"hooks\"}`\n\n" +
			"The result is unknown while anything in either argument is (a value known only after apply), and an error " +
			"names any problem with the arguments: an attribute a webhook does not have, a value of the wrong type, a " +
			"malformed key, an element of `actual` without a key. " + functionsNeed,
		Parameters: []function.Parameter{
			// Neither parameter takes null: the CLI refuses it, naming the
			// argument (OpenTofu would send a nullable one as nothing at all).
			function.DynamicParameter{
				Name:               "expected",
				CustomType:         rawDynamicType{},
				AllowUnknownValues: true, // so that an unknown anywhere inside gives an unknown result
				MarkdownDescription: "The webhooks that should exist, as an object (or a map) keyed by webhook key, " +
					"`\"<type>/<sub_account_id>\"`. Each entry gives any of the webhook's attributes to compare: " +
					codeList(comparableTypes) + ", and within `oauth` any of " + codeList(oauthObjectType.AttributeTypes) +
					"; only the attributes given are compared, null included (`oauth = null`: the webhook must not use OAuth; " +
					"`oauth = {}`: it must, whatever its settings). `{}` requires only that the webhook exists. Every webhook of " +
					"`actual` must have an entry. Keys are matched exactly as written: build them with `webhook_key` when a " +
					"type holds `/` or `%`, or a sub-account holds text that Unicode can write in more than one way.",
			},
			function.DynamicParameter{
				Name:               "actual",
				CustomType:         rawDynamicType{},
				AllowUnknownValues: true,
				MarkdownDescription: "The webhooks the account has: the `webhooks` attribute of `eightxeight_webhooks`, as it " +
					"is, or after passing through an output, a variable, a `for` expression or `jsondecode(jsonencode(…))` " +
					"(a list, tuple or set of objects with `key`). With a `type`, `sub_account_id` or `enabled` filter on " +
					"the data source, `expected` lists only the webhooks that pass it.",
			},
		},
		Return: function.ListReturn{ElementType: types.StringType},
	}
}

// codeList names attributes, sorted, in Markdown.
func codeList(types map[string]tftypes.Type) string {
	names := slices.Sorted(maps.Keys(types))
	for i, n := range names {
		names[i] = "`" + n + "`"
	}
	return joinNames(names)
}

// maxErrors is how many problems with an argument one error lists.
const maxErrors = 10

func (webhooksDriftFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var expected, actual rawDynamicValue
	if resp.Error = req.Arguments.Get(ctx, &expected, &actual); resp.Error != nil {
		return
	}
	result := webhooksDrift(expected.value(), actual.value())
	switch {
	case len(result.errs) > 0:
		resp.Error = funcError(result.errs)
	case !result.known:
		resp.Error = resp.Result.Set(ctx, types.ListUnknown(types.StringType))
	default:
		elems := make([]attr.Value, len(result.lines))
		for i, l := range result.lines {
			elems[i] = types.StringValue(l)
		}
		list, diags := types.ListValue(types.StringType, elems)
		if diags.HasError() {
			resp.Error = function.FuncErrorFromDiags(ctx, diags)
			return
		}
		resp.Error = resp.Result.Set(ctx, list)
	}
}

// funcError is one error for the problems with one argument: the problem,
// or a list of the first maxErrors of them, one a line.
func funcError(errs []inputError) *function.FuncError {
	if len(errs) == 1 {
		return function.NewArgumentFuncError(errs[0].arg, errs[0].msg)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problems:", len(errs))
	for i, e := range errs {
		if i == maxErrors {
			fmt.Fprintf(&b, "\n- … and %d more", len(errs)-maxErrors)
			break
		}
		b.WriteString("\n- " + e.msg)
	}
	return function.NewArgumentFuncError(errs[0].arg, b.String())
}
