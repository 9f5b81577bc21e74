package provider

import (
	"context"
	"strings"
	"sync"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// accountCache is what Configure hands to every data source of one
// provider configuration: the webhooks of the accounts read so far. It
// reads each account from the API at most once per Terraform command:
// concurrent reads of an account share one request, and later ones reuse
// its answer. A failed read is not kept, so the next data
// source tries again. Nothing outlives the provider process, which Terraform
// starts anew for every command.
//
// The shared request does not belong to any one data source: it runs on a
// context of its own, which ends when the last data source waiting for it
// stops waiting. Each data source waits on its own context, so a canceled
// one returns at once and the others keep waiting.
type accountCache struct {
	client *client.Client
	apiKey string // masked in the provider's logs

	mu      sync.Mutex                  // guards read and flights, together
	read    map[string][]client.Webhook // by accountKey, sorted
	flights map[string]*flight          // the requests under way, by accountKey
}

// flight is one shared request and the data sources waiting for it.
type flight struct {
	done    chan struct{} // closed once hooks and err are set
	hooks   []client.Webhook
	err     error
	waiters int // guarded by accountCache.mu
	cancel  context.CancelFunc
}

func newAccountCache(c *client.Client, apiKey string) *accountCache {
	return &accountCache{client: c, apiKey: apiKey, read: map[string][]client.Webhook{}, flights: map[string]*flight{}}
}

// logContext returns ctx with every secret masked in provider logs.
func (r *accountCache) logContext(ctx context.Context) context.Context {
	return withLogMasking(ctx, r.apiKey)
}

// accountKey makes the dashed and undashed forms of an account id one key.
func accountKey(accountID string) string {
	return strings.ToLower(strings.ReplaceAll(accountID, "-", ""))
}

// webhooks returns every webhook of the account in the documented order.
// The slice is shared between data sources: callers must not modify it.
func (r *accountCache) webhooks(ctx context.Context, accountID string) ([]client.Webhook, error) {
	key := accountKey(accountID)
	// Looking in the cache and joining (or starting) the request happen
	// under one lock, so a request that ends in between cannot be missed.
	r.mu.Lock()
	if hooks, ok := r.read[key]; ok {
		r.mu.Unlock()
		return hooks, nil
	}
	f := r.flights[key]
	if f == nil {
		// The request keeps this caller's values (its loggers) but not its
		// cancellation.
		fctx, cancel := context.WithCancel(context.WithoutCancel(r.logContext(ctx)))
		f = &flight{done: make(chan struct{}), cancel: cancel}
		r.flights[key] = f
		go r.fly(fctx, key, accountID, f)
	}
	f.waiters++
	r.mu.Unlock()

	select {
	case <-f.done:
		return f.hooks, f.err
	case <-ctx.Done():
		r.mu.Lock()
		if f.waiters--; f.waiters == 0 { // nobody wants the answer any more
			f.cancel()
			if r.flights[key] == f {
				delete(r.flights, key)
			}
		}
		r.mu.Unlock()
		return nil, ctx.Err()
	}
}

// fly makes the shared request of f and hands its answer to the waiters;
// a success is kept for later reads.
func (r *accountCache) fly(ctx context.Context, key, accountID string, f *flight) {
	defer f.cancel()
	hooks, err := r.client.ListWebhooks(ctx, accountID)
	if err == nil {
		canonicalWebhooks(hooks)
	}
	r.mu.Lock()
	if err == nil {
		r.read[key] = hooks
	}
	if r.flights[key] == f {
		delete(r.flights, key)
	}
	f.hooks, f.err = hooks, err
	r.mu.Unlock()
	close(f.done)
}
