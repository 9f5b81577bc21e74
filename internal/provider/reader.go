package provider

import (
	"context"
	"strings"
	"sync"

	"golang.org/x/sync/singleflight"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// reader is what Configure hands to every data source of one provider
// configuration. It reads each account from the API at most once per
// Terraform command: concurrent reads of an account share one request, and
// later ones reuse its answer. A failed read is not kept, so the next data
// source tries again. Nothing outlives the provider process, which Terraform
// starts anew for every command.
type reader struct {
	client *client.Client
	apiKey string

	flight singleflight.Group
	mu     sync.Mutex
	read   map[string][]client.Webhook // by accountKey, sorted
}

func newReader(c *client.Client, apiKey string) *reader {
	return &reader{client: c, apiKey: apiKey, read: map[string][]client.Webhook{}}
}

// logContext returns ctx with every secret masked in provider logs.
func (r *reader) logContext(ctx context.Context) context.Context {
	return withLogMasking(ctx, r.apiKey)
}

// accountKey makes the dashed and undashed forms of an account id one key.
func accountKey(accountID string) string {
	return strings.ToLower(strings.ReplaceAll(accountID, "-", ""))
}

// webhooks returns every webhook of the account in the documented order.
// The slice is shared between data sources: callers must not modify it.
func (r *reader) webhooks(ctx context.Context, accountID string) ([]client.Webhook, error) {
	key := accountKey(accountID)
	r.mu.Lock()
	hooks, ok := r.read[key]
	r.mu.Unlock()
	if ok {
		return hooks, nil
	}
	v, err, _ := r.flight.Do(key, func() (any, error) {
		hooks, err := r.client.ListWebhooks(r.logContext(ctx), accountID)
		if err != nil {
			return nil, err
		}
		canonicalWebhooks(hooks)
		r.mu.Lock()
		r.read[key] = hooks
		r.mu.Unlock()
		return hooks, nil
	})
	if err != nil {
		return nil, err
	}
	hooks, _ = v.([]client.Webhook)
	return hooks, nil
}
