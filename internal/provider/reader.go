package provider

import (
	"context"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// reader is what Configure hands to every data source: the API client and
// the key to mask in logs.
type reader struct {
	client *client.Client
	apiKey string
}

func newReader(c *client.Client, apiKey string) *reader {
	return &reader{client: c, apiKey: apiKey}
}

// logContext returns ctx with every secret masked in provider logs.
func (r *reader) logContext(ctx context.Context) context.Context {
	return withLogMasking(ctx, r.apiKey)
}

// webhooks returns every webhook of the account in the documented order.
func (r *reader) webhooks(ctx context.Context, accountID string) ([]client.Webhook, error) {
	hooks, err := r.client.ListWebhooks(r.logContext(ctx), accountID)
	if err != nil {
		return nil, err
	}
	sortWebhooks(hooks)
	return hooks, nil
}
