package client

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
