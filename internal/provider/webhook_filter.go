package provider

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// webhookFilter selects webhooks; a nil field matches everything, and the
// fields combine with AND.
type webhookFilter struct {
	Type         *string
	SubAccountID *string
	Enabled      *bool
}

func (f webhookFilter) match(w client.Webhook) bool {
	return (f.Type == nil || *f.Type == w.Type) &&
		(f.SubAccountID == nil || *f.SubAccountID == w.SubAccountID) &&
		(f.Enabled == nil || *f.Enabled == w.Enabled)
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

// warnUnmatched warns about a type or sub_account_id filter that no
// webhook of the account has, naming the values the account does have: a
// typo there would otherwise give an empty list that every drift check
// passes. An enabled filter that matches nothing is normal and stays silent.
func (f webhookFilter) warnUnmatched(accountID string, hooks []client.Webhook, diags *diag.Diagnostics) {
	for _, c := range []struct {
		attr, what string
		want       *string
		of         func(client.Webhook) string
	}{
		{"type", "type", f.Type, func(w client.Webhook) string { return w.Type }},
		{"sub_account_id", "sub-account", f.SubAccountID, func(w client.Webhook) string { return w.SubAccountID }},
	} {
		if c.want == nil {
			continue
		}
		values := make([]string, 0, len(hooks))
		none := 0 // webhooks without a value: 8x8 lets a webhook have no type
		for _, w := range hooks {
			if v := c.of(w); v != "" {
				values = append(values, v)
			} else {
				none++
			}
		}
		slices.Sort(values)
		values = slices.Compact(values)
		if _, found := slices.BinarySearch(values, *c.want); found {
			continue
		}
		filter := c.attr + " = " + hclString(*c.want)
		if c.attr == "type" && !typeLike(*c.want) {
			filter = typeNotShown(*c.want)
		}
		detail := fmt.Sprintf("Account %s has no webhook with %s, so no webhook matches and the list is empty. ", accountID, filter)
		if i := slices.IndexFunc(values, func(v string) bool { return strings.EqualFold(v, *c.want) }); i >= 0 {
			detail += fmt.Sprintf("Filters match exactly: did you mean %s? ", hclString(values[i]))
		}
		switch {
		case len(values) == 0:
			detail += fmt.Sprintf("No webhook of the account has a %s.", c.what)
		case none > 0:
			detail += fmt.Sprintf("The account's webhooks have these %s values: %s; %s no %s.", c.what, quotedList(values, 20), webhooksHave(none), c.what)
		default:
			detail += fmt.Sprintf("The account's webhooks have these %s values: %s.", c.what, quotedList(values, 20))
		}
		if len(hooks) == 0 {
			detail = fmt.Sprintf("Account %s has no webhooks at all, so no webhook matches %s and the list is empty.", accountID, filter)
		}
		diags.AddAttributeWarning(path.Root(c.attr), "Filter matches no webhook of the account", detail)
	}
}

// typeLike reports whether t looks like a webhook type ("CADR", "msg"),
// which a message may show: at most 6 letters, digits, dashes and
// underscores, not in mixed case, or none (8x8's are 3 or 4 letters). Another value (an API key given
// in its place, say) is described by typeNotShown.
func typeLike(t string) bool {
	return t == "" || (looksLike(t, 6, "0123456789-_") && (strings.ToUpper(t) == t || strings.ToLower(t) == t))
}

// typeNotShown describes a type that does not look like one, by its length.
func typeNotShown(t string) string {
	return fmt.Sprintf("the type given (%s, not shown: it is no webhook type)", plural(utf8.RuneCountInString(t), "character"))
}

// webhooksHave is "1 webhook has" or "n webhooks have".
func webhooksHave(n int) string {
	if n == 1 {
		return "1 webhook has"
	}
	return fmt.Sprintf("%d webhooks have", n)
}

// quotedList is quoted, joined with commas.
func quotedList(values []string, most int) string { return strings.Join(quoted(values, most), ", ") }

// quoted writes the first most values as HCL strings (hclString), to
// paste into a configuration as they are, and says how many it left out.
// Quoting escapes every character that does not print, so text from the
// API can hold no terminal control sequence (the client refuses control
// characters anyway).
func quoted(values []string, most int) []string {
	out := make([]string, 0, min(len(values), most)+1)
	for i, v := range values {
		if i == most {
			out = append(out, fmt.Sprintf("… and %d more", len(values)-most))
			break
		}
		out = append(out, hclString(v))
	}
	return out
}
