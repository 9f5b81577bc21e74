package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// webhookFilter selects webhooks; a null field matches everything, and the
// fields combine with AND.
type webhookFilter struct {
	Type         types.String
	SubAccountID types.String
	Enabled      types.Bool
}

func (f webhookFilter) match(w client.Webhook) bool {
	return (f.Type.IsNull() || f.Type.ValueString() == w.Type) &&
		(f.SubAccountID.IsNull() || f.SubAccountID.ValueString() == w.SubAccountID) &&
		(f.Enabled.IsNull() || f.Enabled.ValueBool() == w.Enabled)
}

// apply returns the matching webhooks in their order; none is an empty,
// non-nil slice.
func (f webhookFilter) apply(hooks []client.Webhook) []client.Webhook {
	out := make([]client.Webhook, 0, len(hooks))
	for _, w := range hooks {
		if f.match(w) {
			out = append(out, w)
		}
	}
	return out
}
