package client

import "encoding/json"

// Webhook is one webhook configuration of an 8x8 account, as the API returns
// it. 8x8 identifies a webhook by (SubAccountID, Type); it has no id of its own.
type Webhook struct {
	// Type is CADR, MSG, CABM or any value a newer API returns; empty when the
	// API omitted it.
	Type string `json:"type"`
	// SubAccountID is "*" for the whole account, otherwise one sub-account.
	SubAccountID string `json:"subAccountId"`
	URL          string `json:"url"`
	// Enabled defaults to true when the API omits it.
	Enabled bool `json:"enabled"`
	// HTTPAuthorization is the static Authorization header 8x8 sends, as the
	// API returns it (masked "***"); nil when absent.
	HTTPAuthorization *string `json:"httpAuthorization"`
	// OAuth is the OAuth 2.0 client-credentials configuration; nil when absent.
	OAuth *OAuth `json:"oauth"`
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

// UnmarshalJSON decodes a webhook tolerantly: unknown fields are ignored and
// an absent "enabled" means true, the API's documented default.
func (w *Webhook) UnmarshalJSON(data []byte) error {
	type plain Webhook
	aux := struct {
		*plain
		Enabled *bool `json:"enabled"`
	}{plain: (*plain)(w)}
	if err := json.Unmarshal(data, &aux); err != nil {
		return err
	}
	w.Enabled = aux.Enabled == nil || *aux.Enabled
	return nil
}
