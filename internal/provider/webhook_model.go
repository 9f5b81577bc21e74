package provider

import (
	"cmp"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// webhookModel is one webhook in state.
type webhookModel struct {
	Type                 types.String `tfsdk:"type"`
	SubAccountID         types.String `tfsdk:"sub_account_id"`
	URL                  types.String `tfsdk:"url"`
	Enabled              types.Bool   `tfsdk:"enabled"`
	HTTPAuthorization    types.String `tfsdk:"http_authorization"`
	HasHTTPAuthorization types.Bool   `tfsdk:"has_http_authorization"`
	OAuth                *oauthModel  `tfsdk:"oauth"`
	HasOAuth             types.Bool   `tfsdk:"has_oauth"`
}

// oauthModel is a webhook's OAuth 2.0 client-credentials configuration.
type oauthModel struct {
	URL                 types.String `tfsdk:"url"`
	ClientID            types.String `tfsdk:"client_id"`
	ClientSecret        types.String `tfsdk:"client_secret"`
	CredentialsLocation types.String `tfsdk:"credentials_location"`
	Scope               types.String `tfsdk:"scope"`
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

// newWebhookModel maps one API webhook to state.
func newWebhookModel(w client.Webhook) webhookModel {
	m := webhookModel{
		Type:                 optionalString(w.Type),
		SubAccountID:         types.StringValue(w.SubAccountID),
		URL:                  types.StringValue(w.URL),
		Enabled:              types.BoolValue(w.Enabled),
		HTTPAuthorization:    types.StringPointerValue(w.HTTPAuthorization),
		HasHTTPAuthorization: types.BoolValue(w.HasHTTPAuthorization()),
		HasOAuth:             types.BoolValue(w.OAuth != nil),
	}
	if o := w.OAuth; o != nil {
		m.OAuth = &oauthModel{
			URL:                 types.StringPointerValue(o.URL),
			ClientID:            types.StringPointerValue(o.ClientID),
			ClientSecret:        types.StringPointerValue(o.ClientSecret),
			CredentialsLocation: types.StringPointerValue(o.CredentialsLocation),
			Scope:               types.StringPointerValue(o.Scope),
		}
	}
	return m
}

// newWebhookModels maps a list; none is an empty list, never null.
func newWebhookModels(hooks []client.Webhook) []webhookModel {
	out := make([]webhookModel, len(hooks))
	for i, w := range hooks {
		out[i] = newWebhookModel(w)
	}
	return out
}

// optionalString is null for "", the value otherwise.
func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
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
