package provider

import (
	"context"
	"errors"
	"testing"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// Ctrl-C (a canceled context) stops mapping a long list at once.
func TestWebhookList_stopsWithTheContext(t *testing.T) {
	hooks := make([]client.Webhook, 5*checkEvery)
	for i := range hooks {
		hooks[i] = client.Webhook{Type: "MSG", SubAccountID: "*", URL: "https://x.example"}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := webhookList(ctx, hooks); !errors.Is(err, context.Canceled) {
		t.Errorf("mapping went on after the context ended: %v", err)
	}
	if list, err := webhookList(context.Background(), hooks); err != nil || list.IsNull() {
		t.Errorf("%v %v", list, err)
	}
}
