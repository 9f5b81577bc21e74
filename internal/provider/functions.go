package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
)

// The provider's functions (Terraform 1.8 and later, OpenTofu 1.7 and
// later): provider::eightxeight::webhook_key and
// provider::eightxeight::webhooks_drift. The framework serves them, through
// internal/fastpath like every call but the data sources' reads.

var _ provider.ProviderWithFunctions = (*Provider)(nil)

func (p *Provider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		NewWebhookKeyFunction,
		NewWebhooksDriftFunction,
	}
}

// functionsNeed says which CLIs call provider functions, for the functions'
// descriptions.
const functionsNeed = "Provider functions need Terraform 1.8 or later, or OpenTofu 1.7 or later; the data sources work from Terraform 1.5."
