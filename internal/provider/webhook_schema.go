package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The schema attributes that describe a webhook, and the Terraform types
// derived from them. The schema is the one source of truth: a new attribute
// is added here (and given a value in webhook_state.go), nowhere else.
//
// Nothing inside a list element or a nested object is Sensitive: Terraform
// pays for every sensitive path (one per element, quadratically in some
// versions) and a nested mark makes whole objects unusable in outputs and
// for_each. The masked secrets live at the top level instead
// (credentialsAttribute, secretAttributes), where one mark covers them.

// keyDoc describes the key that identifies a webhook.
const keyDoc = "`\"<type>/<sub_account_id>\"`, the pair by which 8x8 identifies a webhook (e.g. `CADR/Onion_Marketing`, " +
	"`MSG/*`); a webhook the API returns without a type has the key `\"/<sub_account_id>\"`. A `/` or `%` in the type " +
	"is written `%2F` or `%25`, so that no two webhooks share a key."

// webhookAttributes are the attributes of one webhook: the elements of
// eightxeight_webhooks' list, and the top level of eightxeight_webhook.
func webhookAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"key": schema.StringAttribute{Computed: true, MarkdownDescription: keyDoc + " Unique within the list, so it can key a `for_each`."},
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
		"has_http_authorization": schema.BoolAttribute{
			Computed:            true,
			MarkdownDescription: "`true` when 8x8 sends a static `Authorization` header to the webhook.",
		},
		"has_oauth": schema.BoolAttribute{
			Computed:            true,
			MarkdownDescription: "`true` when 8x8 gets an OAuth 2.0 token before each delivery (`oauth` is then set).",
		},
		"oauth": schema.SingleNestedAttribute{
			Computed: true,
			MarkdownDescription: "The OAuth 2.0 client-credentials configuration 8x8 uses to get a token for each delivery; null " +
				"when the webhook does not use OAuth. The client secret is not here: see " + secretsPointer + ".",
			Attributes: map[string]schema.Attribute{
				"url":       schema.StringAttribute{Computed: true, MarkdownDescription: "Token endpoint URL."},
				"client_id": schema.StringAttribute{Computed: true, MarkdownDescription: "OAuth client id."},
				"credentials_location": schema.StringAttribute{
					Computed:            true,
					MarkdownDescription: "Where the client credentials are sent: `header` (HTTP Basic) or `body` (form body).",
				},
				"scope": schema.StringAttribute{Computed: true, MarkdownDescription: "Space-separated scopes requested; null when none."},
			},
		},
	}
}

// secretsPointer tells where the secrets of a webhook are, in both data
// sources' descriptions.
const secretsPointer = "`credentials` (in `eightxeight_webhooks`) or `oauth_client_secret` (in `eightxeight_webhook`)"

// maskedDoc explains what 8x8 returns for a secret.
const maskedDoc = "8x8 never returns the secret itself: the value is its mask, `***`, when set, and null when not."

// secretAttributes are the masked secrets of one webhook: top-level
// attributes of eightxeight_webhook, each sensitive, and the values of
// eightxeight_webhooks' credentials map, which is sensitive as a whole
// (marking them too would cost a path per element again).
func secretAttributes(sensitive bool) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"http_authorization": schema.StringAttribute{
			Computed: true, Sensitive: sensitive,
			MarkdownDescription: "The static `Authorization` header 8x8 sends, as the API returns it. " + maskedDoc,
		},
		"oauth_client_secret": schema.StringAttribute{
			Computed: true, Sensitive: sensitive,
			MarkdownDescription: "The OAuth client secret, as the API returns it. " + maskedDoc,
		},
	}
}

// credentialsAttribute is eightxeight_webhooks' map of secrets by key.
func credentialsAttribute() schema.MapNestedAttribute {
	return schema.MapNestedAttribute{
		Computed:  true,
		Sensitive: true,
		MarkdownDescription: "The masked secrets of each webhook in `webhooks`, keyed by its `key`. Sensitive as a whole " +
			"(one mark, whatever the number of webhooks); " + maskedDoc + " Use `has_http_authorization` and `has_oauth` " +
			"in conditions and outputs.",
		NestedObject: schema.NestedAttributeObject{Attributes: secretAttributes(false)},
	}
}

// The Terraform types of the attributes above, derived from the schema
// once.
var (
	webhookObjectType = objectType(webhookAttributes())
	oauthObjectType   = webhookObjectType.AttributeTypes["oauth"].(tftypes.Object) //nolint:forcetypeassert // fixed by the schema above
	secretsObjectType = objectType(secretAttributes(false))
	webhookListType   = tftypes.List{ElementType: webhookObjectType}
	credentialsType   = tftypes.Map{ElementType: secretsObjectType}
)

// objectType is the Terraform object type of a set of attributes.
func objectType(attrs map[string]schema.Attribute) tftypes.Object {
	t, ok := schema.NestedAttributeObject{Attributes: attrs}.Type().TerraformType(context.Background()).(tftypes.Object)
	if !ok {
		panic(fmt.Sprintf("nested attributes are not an object type: %v", attrs))
	}
	return t
}
