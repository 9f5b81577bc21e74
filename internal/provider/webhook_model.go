package provider

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// Webhooks go into state as tftypes values built directly: the framework's
// tfsdk-struct reflection, and even its attr.Value types, cost 10 to 30 times
// more time and allocations per webhook (see BENCHMARKS.md).

// oauthType and webhookType are the Terraform types of webhookAttributes.
var (
	oauthType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"url": tftypes.String, "client_id": tftypes.String, "client_secret": tftypes.String,
		"credentials_location": tftypes.String, "scope": tftypes.String,
	}}
	webhookType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"type": tftypes.String, "sub_account_id": tftypes.String, "url": tftypes.String,
		"enabled": tftypes.Bool, "http_authorization": tftypes.String, "has_http_authorization": tftypes.Bool,
		"oauth": oauthType, "has_oauth": tftypes.Bool,
	}}
	webhookListType = tftypes.List{ElementType: webhookType}
)

// Values are immutable, so the ones every webhook repeats are made once:
// most of a webhook's attributes are booleans, nulls and one of a few types.
var (
	nullString = tftypes.NewValue(tftypes.String, nil)
	nullOAuth  = tftypes.NewValue(oauthType, nil)
	boolValues = [2]tftypes.Value{tftypes.NewValue(tftypes.Bool, false), tftypes.NewValue(tftypes.Bool, true)}
	typeValues = map[string]tftypes.Value{
		"":     nullString,
		"CADR": tftypes.NewValue(tftypes.String, "CADR"),
		"MSG":  tftypes.NewValue(tftypes.String, "MSG"),
		"CABM": tftypes.NewValue(tftypes.String, "CABM"),
	}
	// webhookTypeBoxed is webhookType as the interface NewValue takes,
	// boxed once instead of once per webhook.
	webhookTypeBoxed tftypes.Type = webhookType
)

func boolValue(b bool) tftypes.Value {
	if b {
		return boolValues[1]
	}
	return boolValues[0]
}

// sortOrderDoc is the documented order of webhook lists.
const sortOrderDoc = "Sorted by `type`, then `sub_account_id`, then `url` (a missing `type` sorts as an empty string), " +
	"whatever order the API returns, so that plans and drift checks never change because of API order."

// sortWebhooks puts hooks in the documented order.
func sortWebhooks(hooks []client.Webhook) {
	slices.SortStableFunc(hooks, func(a, b client.Webhook) int {
		return cmp.Or(
			cmp.Compare(a.Type, b.Type),
			cmp.Compare(a.SubAccountID, b.SubAccountID),
			cmp.Compare(a.URL, b.URL),
		)
	})
}

// webhookValues maps one API webhook to its attribute values: the one
// place where API fields become Terraform values.
func webhookValues(w client.Webhook) map[string]tftypes.Value {
	oauth := nullOAuth
	if o := w.OAuth; o != nil {
		oauth = tftypes.NewValue(oauthType, map[string]tftypes.Value{
			"url":                  stringValue(o.URL),
			"client_id":            stringValue(o.ClientID),
			"client_secret":        stringValue(o.ClientSecret),
			"credentials_location": stringValue(o.CredentialsLocation),
			"scope":                stringValue(o.Scope),
		})
	}
	typ, known := typeValues[w.Type]
	if !known {
		typ = tftypes.NewValue(tftypes.String, w.Type)
	}
	return map[string]tftypes.Value{
		"type":                   typ,
		"sub_account_id":         tftypes.NewValue(tftypes.String, w.SubAccountID),
		"url":                    tftypes.NewValue(tftypes.String, w.URL),
		"enabled":                boolValue(w.Enabled),
		"http_authorization":     stringValue(w.HTTPAuthorization),
		"has_http_authorization": boolValue(w.HasHTTPAuthorization()),
		"oauth":                  oauth,
		"has_oauth":              boolValue(w.OAuth != nil),
	}
}

// webhookList maps a list of webhooks; none is an empty list, never null.
func webhookList(hooks []client.Webhook) tftypes.Value {
	elems := make([]tftypes.Value, len(hooks))
	for i, w := range hooks {
		elems[i] = tftypes.NewValue(webhookTypeBoxed, webhookValues(w))
	}
	return tftypes.NewValue(webhookListType, elems)
}

// stringValue is a null string for nil.
func stringValue(s *string) tftypes.Value {
	if s == nil {
		return nullString
	}
	return tftypes.NewValue(tftypes.String, *s)
}

// setState sets a data source's state to its configuration with the
// computed attributes set to values.
func setState(ctx context.Context, cfg tfsdk.Config, values map[string]tftypes.Value, state *tfsdk.State, diags *diag.Diagnostics) {
	raw, err := stateFromConfig(ctx, cfg, values)
	if err != nil {
		diags.AddError("Cannot build the data source's state", "This is a bug in the provider; please report it: "+err.Error())
		return
	}
	state.Raw = raw
}

// stateFromConfig is the configuration with the computed attributes set to
// values. A value that does not fit the schema is an error, not a panic.
func stateFromConfig(ctx context.Context, cfg tfsdk.Config, values map[string]tftypes.Value) (state tftypes.Value, err error) {
	var all map[string]tftypes.Value
	if err := cfg.Raw.As(&all); err != nil {
		return tftypes.Value{}, err
	}
	maps.Copy(all, values)
	// tftypes.NewValue checks the value against the type as it builds it,
	// and panics on a mismatch; checking first would walk it twice.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("state does not fit the schema: %v", r)
		}
	}()
	return tftypes.NewValue(cfg.Schema.Type().TerraformType(ctx), all), nil
}

// webhookAttributes describes a webhook's attributes; the list data source
// nests them and the singular one puts the non-key ones at its top level.
func webhookAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"type": schema.StringAttribute{
			Computed: true,
			MarkdownDescription: "What the webhook receives: `CADR` (delivery receipts), `MSG` (inbound messages) or `CABM` " +
				"(WhatsApp business-management events). Values a newer API adds are passed through; null when the API omits it.",
		},
		"sub_account_id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "`*` when the webhook covers every sub-account of the account, otherwise the one sub-account it covers.",
		},
		"url":     schema.StringAttribute{Computed: true, MarkdownDescription: "Where 8x8 delivers the events."},
		"enabled": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether 8x8 delivers events to the webhook (`true` when the API omits it)."},
		"http_authorization": schema.StringAttribute{
			Computed:  true,
			Sensitive: true,
			MarkdownDescription: "The static `Authorization` header 8x8 sends, as the API returns it: 8x8 masks it as `***` " +
				"when set; null when the webhook has none. Sensitive, as the unmasked value would be a credential; use " +
				"`has_http_authorization` in conditions and outputs.",
		},
		"has_http_authorization": schema.BoolAttribute{
			Computed:            true,
			MarkdownDescription: "`true` when the webhook has a static `Authorization` header. Not sensitive.",
		},
		"has_oauth": schema.BoolAttribute{
			Computed: true,
			MarkdownDescription: "`true` when the webhook uses OAuth. Not sensitive, unlike a comparison of `oauth` with null, " +
				"which Terraform marks sensitive because `oauth` holds the client secret.",
		},
		"oauth": schema.SingleNestedAttribute{
			Computed:            true,
			MarkdownDescription: "OAuth 2.0 client-credentials configuration 8x8 uses to get a token for each delivery; null when the webhook does not use OAuth.",
			Attributes: map[string]schema.Attribute{
				"url":       schema.StringAttribute{Computed: true, MarkdownDescription: "Token endpoint URL."},
				"client_id": schema.StringAttribute{Computed: true, MarkdownDescription: "OAuth client id."},
				"client_secret": schema.StringAttribute{
					Computed: true, Sensitive: true,
					MarkdownDescription: "OAuth client secret as the API returns it (masked `***`). Sensitive.",
				},
				"credentials_location": schema.StringAttribute{
					Computed:            true,
					MarkdownDescription: "Where the client credentials are sent: `header` (HTTP Basic) or `body` (form body).",
				},
				"scope": schema.StringAttribute{Computed: true, MarkdownDescription: "Space-separated scopes requested; null when none."},
			},
		},
	}
}
