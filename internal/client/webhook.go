package client

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Webhook is one webhook configuration of an 8x8 account, as the API returns
// it. 8x8 identifies a webhook by (SubAccountID, Type); it has no id of its own.
type Webhook struct {
	// Type is CADR, MSG, CABM or any value a newer API returns; empty when the
	// API omitted it.
	Type string
	// SubAccountID is "*" for the whole account, otherwise one sub-account.
	SubAccountID string
	URL          string
	// Enabled defaults to true when the API omits it.
	Enabled bool
	// HTTPAuthorization is the static Authorization header 8x8 sends, as the
	// API returns it (masked "***"); nil when absent.
	HTTPAuthorization *string
	// OAuth is the OAuth 2.0 client-credentials configuration; nil when absent.
	OAuth *OAuth
}

// OAuth is the OAuth 2.0 client-credentials configuration of a webhook. Each
// field is nil when the API omitted it.
type OAuth struct {
	URL                 *string `json:"url"`
	ClientID            *string `json:"clientId"`
	ClientSecret        *string `json:"clientSecret"`
	CredentialsLocation *string `json:"credentialsLocation"`
	Scope               *string `json:"scope"`
}

// HasHTTPAuthorization reports whether the API returned a non-empty static
// Authorization value for the webhook.
func (w Webhook) HasHTTPAuthorization() bool {
	return w.HTTPAuthorization != nil && *w.HTTPAuthorization != ""
}

// wireWebhook is a webhook as the API sends it: "enabled" may be absent.
type wireWebhook struct {
	Type              string `json:"type"`
	SubAccountID      string `json:"subAccountId"`
	URL               string `json:"url"`
	Enabled           *bool  `json:"enabled"`
	HTTPAuthorization *string
	OAuth             *OAuth `json:"oauth"`
}

// webhook converts w, applying the API's default of enabled = true.
func (w *wireWebhook) webhook() Webhook {
	return Webhook{
		Type: w.Type, SubAccountID: w.SubAccountID, URL: w.URL,
		Enabled:           w.Enabled == nil || *w.Enabled,
		HTTPAuthorization: w.HTTPAuthorization, OAuth: w.OAuth,
	}
}

// check returns why a webhook from the API cannot be used, or nil: a value
// with a control character (an escape sequence would rewrite the terminal
// that prints it in an error or a plan), or no subAccountId or url, which
// 8x8's OpenAPI description requires.
func (w *wireWebhook) check() error {
	type field struct {
		name  string
		value *string
	}
	fields := []field{{"type", &w.Type}, {"subAccountId", &w.SubAccountID}, {"url", &w.URL}, {"httpAuthorization", w.HTTPAuthorization}}
	if o := w.OAuth; o != nil {
		fields = append(fields, field{"oauth.url", o.URL}, field{"oauth.clientId", o.ClientID}, field{"oauth.clientSecret", o.ClientSecret},
			field{"oauth.credentialsLocation", o.CredentialsLocation}, field{"oauth.scope", o.Scope})
	}
	for _, f := range fields {
		if f.value == nil {
			continue
		}
		if i := strings.IndexFunc(*f.value, unicode.IsControl); i >= 0 {
			r, _ := utf8.DecodeRuneInString((*f.value)[i:])
			return fmt.Errorf("%s holds a control character (%U)", f.name, r)
		}
	}
	for _, f := range fields[1:3] {
		if *f.value == "" {
			return fmt.Errorf("%s is missing or empty (8x8 requires subAccountId and url)", f.name)
		}
	}
	return nil
}

// label names w in an error by the values that identify it, quoted (so
// that any control character shows as an escape, not as itself).
func (w *wireWebhook) label() string {
	var parts []string
	if w.Type != "" {
		parts = append(parts, "type "+strconv.Quote(truncate(w.Type, maxTextRunes)))
	}
	if w.SubAccountID != "" {
		parts = append(parts, "subAccountId "+strconv.Quote(truncate(w.SubAccountID, maxTextRunes)))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
