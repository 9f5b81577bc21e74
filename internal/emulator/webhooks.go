package emulator

import "fmt"

// DefaultAccountID and DefaultAPIKey are what New seeds. They are made up and
// open no real account. The key holds no word of 8 letters or more: the
// client masks any run of 8 of the key's characters in what a server says,
// and "emulator" in the emulator's own messages would be masked.
const (
	DefaultAccountID = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
	DefaultAPIKey    = "demo-key-7d1c4a9e"
)

// Masked is how 8x8 shows a secret it holds.
const Masked = "***"

// Webhook is a webhook as the emulator stores it, secrets in clear.
type Webhook struct {
	Type              string
	SubAccountID      string
	URL               string
	Enabled           *bool // nil: the field is left out of the response
	HTTPAuthorization string
	OAuth             *OAuth
	// Extra fields served as they are, e.g. "version" of older accounts.
	Extra map[string]any
}

// OAuth is a webhook's OAuth 2.0 client-credentials configuration.
type OAuth struct {
	URL                 string
	ClientID            string
	ClientSecret        string
	CredentialsLocation string
	Scope               string
}

// Bool returns a pointer to b, for Webhook.Enabled.
func Bool(b bool) *bool { return &b }

// served is the JSON object 8x8 returns for w: secrets masked, empty
// optional fields left out.
func (w Webhook) served() map[string]any {
	m := make(map[string]any, 6+len(w.Extra))
	for k, v := range w.Extra {
		m[k] = v
	}
	if w.Type != "" {
		m["type"] = w.Type
	}
	m["subAccountId"] = w.SubAccountID
	m["url"] = w.URL
	if w.Enabled != nil {
		m["enabled"] = *w.Enabled
	}
	if w.HTTPAuthorization != "" {
		m["httpAuthorization"] = Masked
	}
	if o := w.OAuth; o != nil {
		om := map[string]any{
			"url":                 o.URL,
			"clientId":            o.ClientID,
			"clientSecret":        Masked,
			"credentialsLocation": o.CredentialsLocation,
		}
		if o.Scope != "" {
			om["scope"] = o.Scope
		}
		m["oauth"] = om
	}
	return m
}

// DocumentedExample is the GET response example of 8x8's OpenAPI
// description, with made-up secrets behind the masks.
func DocumentedExample() []Webhook {
	return []Webhook{
		{
			Type: "CADR", SubAccountID: "Onion_Marketing", URL: "http://example.com/dr/marketing", Enabled: Bool(true),
			OAuth: &OAuth{
				URL: "https://auth.example.com/oauth/token", ClientID: "my-client-id",
				ClientSecret: "my-client-secret", CredentialsLocation: "header", Scope: "read write",
			},
		},
		{Type: "MSG", SubAccountID: "Onion_Marketing", URL: "http://example.com/dr/sales", Enabled: Bool(true), HTTPAuthorization: "Basic dXNlcjpwYXNzd29yZA=="},
		{Type: "MSG", SubAccountID: "*", URL: "http://example.com/dr/general", Enabled: Bool(true)},
		{Type: "CABM", SubAccountID: "*", URL: "http://example.com/mo/general", Enabled: Bool(false)},
	}
}

// Generate returns n distinct webhooks for load tests: types cycle through
// CADR, MSG and CABM over sub-accounts sub-00000, sub-00001, …; every fifth
// has a static Authorization and every seventh OAuth.
func Generate(n int) []Webhook {
	types := []string{"CADR", "MSG", "CABM"}
	hooks := make([]Webhook, n)
	for i := range hooks {
		sub := fmt.Sprintf("sub-%05d", i/len(types))
		h := Webhook{
			Type: types[i%len(types)], SubAccountID: sub,
			URL:     fmt.Sprintf("https://hooks.example.com/%s/%s", sub, types[i%len(types)]),
			Enabled: Bool(i%11 != 0),
		}
		if i%5 == 0 {
			h.HTTPAuthorization = "Bearer generated-secret"
		}
		if i%7 == 0 {
			h.OAuth = &OAuth{URL: "https://auth.example.com/token", ClientID: "client-" + sub, ClientSecret: "generated-secret", CredentialsLocation: "body"}
		}
		hooks[i] = h
	}
	return hooks
}
