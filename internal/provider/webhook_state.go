package provider

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"golang.org/x/text/unicode/norm"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// API webhooks become Terraform values here, built as tftypes values
// directly: the framework's reflection over tfsdk-tagged structs would
// cost far more time and allocations per webhook on a big state.

// sortOrderDoc is the documented order of webhook lists.
const sortOrderDoc = "Sorted by `type`, then `sub_account_id`, then `url` (a missing `type` sorts as an empty string), " +
	"whatever order the API returns, so that plans and drift checks never change because of API order."

// canonicalWebhooks puts the type and sub-account of hooks in Unicode
// normal form C, as Terraform puts every string it holds (so that two
// spellings of "Café" are one sub-account here as they are there, and
// compare equal to what a configuration says), and sorts hooks into the
// documented order.
func canonicalWebhooks(hooks []client.Webhook) {
	for i := range hooks {
		hooks[i].Type = norm.NFC.String(hooks[i].Type)
		hooks[i].SubAccountID = norm.NFC.String(hooks[i].SubAccountID)
	}
	sortWebhooks(hooks)
}

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

// webhookKey is the key of a webhook (keyOf its type and sub-account).
func webhookKey(w client.Webhook) string { return keyOf(w.Type, w.SubAccountID) }

// keyOf is the key of the webhook of type typ ("" when it has none) and
// sub-account sub, the pair by which 8x8 identifies a webhook, as
// "<type>/<sub_account_id>": both in Unicode normal form C, as Terraform
// holds every string, and a "/" or "%" in the type escaped ("%2F", "%25"),
// so that the first "/" always ends the type and two pairs never share a
// key. The data sources and the webhook_key function both build keys here.
func keyOf(typ, sub string) string {
	return keyTypeEscaper.Replace(norm.NFC.String(typ)) + "/" + norm.NFC.String(sub)
}

var keyTypeEscaper = strings.NewReplacer("%", "%25", "/", "%2F")

// uniqueByKey keeps the first webhook of each key, in order, and returns
// the keys of the ones it dropped. 8x8 keeps one webhook per key, so
// dropped is normally empty.
func uniqueByKey(hooks []client.Webhook) (unique []client.Webhook, dropped []string) {
	seen := make(map[string]bool, len(hooks))
	unique = make([]client.Webhook, 0, len(hooks))
	for _, w := range hooks {
		k := webhookKey(w)
		if seen[k] {
			dropped = append(dropped, k)
			continue
		}
		seen[k] = true
		unique = append(unique, w)
	}
	return unique, dropped
}

// Values are immutable, so the ones every webhook repeats are made once:
// most of a webhook's attributes are booleans, nulls and one of a few types.
var (
	nullString = tftypes.NewValue(tftypes.String, nil)
	nullOAuth  = tftypes.NewValue(oauthObjectType, nil)
	boolValues = [2]tftypes.Value{tftypes.NewValue(tftypes.Bool, false), tftypes.NewValue(tftypes.Bool, true)}
	typeValues = map[string]tftypes.Value{
		"":     nullString,
		"CADR": tftypes.NewValue(tftypes.String, "CADR"),
		"MSG":  tftypes.NewValue(tftypes.String, "MSG"),
		"CABM": tftypes.NewValue(tftypes.String, "CABM"),
	}
	// The types as the interface NewValue takes, boxed once instead of
	// once per webhook.
	webhookObjectTypeBoxed tftypes.Type = webhookObjectType
	secretsObjectTypeBoxed tftypes.Type = secretsObjectType
)

func boolValue(b bool) tftypes.Value { return boolValues[btoi(b)] }

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// stringValue is a null string for nil.
func stringValue(s *string) tftypes.Value {
	if s == nil {
		return nullString
	}
	return tftypes.NewValue(tftypes.String, *s)
}

// webhookValues maps one API webhook to the values of webhookAttributes:
// the one place where API fields become Terraform values.
func webhookValues(w client.Webhook) map[string]tftypes.Value {
	oauth := nullOAuth
	if o := w.OAuth; o != nil {
		oauth = tftypes.NewValue(oauthObjectType, map[string]tftypes.Value{
			"url":                  stringValue(o.URL),
			"client_id":            stringValue(o.ClientID),
			"credentials_location": stringValue(o.CredentialsLocation),
			"scope":                stringValue(o.Scope),
		})
	}
	typ, known := typeValues[w.Type]
	if !known {
		typ = tftypes.NewValue(tftypes.String, w.Type)
	}
	return map[string]tftypes.Value{
		"key":                    tftypes.NewValue(tftypes.String, webhookKey(w)),
		"type":                   typ,
		"sub_account_id":         tftypes.NewValue(tftypes.String, w.SubAccountID),
		"url":                    tftypes.NewValue(tftypes.String, w.URL),
		"enabled":                boolValue(w.Enabled),
		"has_http_authorization": boolValue(w.HasHTTPAuthorization()),
		"has_oauth":              boolValue(w.OAuth != nil),
		"oauth":                  oauth,
	}
}

// secretValues maps one API webhook to the values of secretAttributes.
func secretValues(w client.Webhook) map[string]tftypes.Value {
	secret := nullString
	if w.OAuth != nil {
		secret = stringValue(w.OAuth.ClientSecret)
	}
	return map[string]tftypes.Value{
		"http_authorization":  stringValue(w.HTTPAuthorization),
		"oauth_client_secret": secret,
	}
}

// webhookList is the list of hooks; none is an empty list, never null. It
// stops early with ctx's error when ctx ends (Ctrl-C during a read of
// many webhooks).
func webhookList(ctx context.Context, hooks []client.Webhook) (tftypes.Value, error) {
	elems := make([]tftypes.Value, len(hooks))
	for i, w := range hooks {
		if i%checkEvery == 0 && ctx.Err() != nil {
			return tftypes.Value{}, ctx.Err()
		}
		elems[i] = tftypes.NewValue(webhookObjectTypeBoxed, webhookValues(w))
	}
	return tftypes.NewValue(webhookListType, elems), nil
}

// checkEvery is how many webhooks are mapped between two looks at the
// context.
const checkEvery = 1024

// credentialsMap is the secrets of hooks by key. The keys must be unique
// (uniqueByKey).
func credentialsMap(hooks []client.Webhook) tftypes.Value {
	elems := make(map[string]tftypes.Value, len(hooks))
	for _, w := range hooks {
		elems[webhookKey(w)] = tftypes.NewValue(secretsObjectTypeBoxed, secretValues(w))
	}
	return tftypes.NewValue(credentialsType, elems)
}

// stateFromConfig is a data source's state: its configuration with the
// computed attributes set to computed. It builds a new value and never
// writes into config: tftypes.Value.As hands back the value's own map, and
// changing it would change Terraform's configuration behind the framework's
// back. A value that does not fit the schema is an error diagnostic (a bug
// in the provider), not a panic.
func stateFromConfig(config tftypes.Value, diags *diag.Diagnostics, computed ...map[string]tftypes.Value) tftypes.Value {
	state, err := buildState(config, computed)
	if err != nil {
		addBug(diags, "Cannot build the data source's state", err.Error())
	}
	return state
}

func buildState(config tftypes.Value, computed []map[string]tftypes.Value) (state tftypes.Value, err error) {
	var attrs map[string]tftypes.Value
	if err := config.As(&attrs); err != nil {
		return tftypes.Value{}, err
	}
	all := make(map[string]tftypes.Value, len(attrs))
	maps.Copy(all, attrs)
	for _, m := range computed {
		maps.Copy(all, m)
	}
	// tftypes.NewValue checks the value against the type as it builds it,
	// and panics on a mismatch; checking first would walk it twice.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("state does not fit the schema: %v", r)
		}
	}()
	return tftypes.NewValue(config.Type(), all), nil
}
