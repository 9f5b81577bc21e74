package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// accountIDValidator checks an account id before any request is made,
// with the client's own check: one error per wrong id, saying where white
// space or an invisible character is, quoting the id only when it is
// id-like (never an API key given in its place). (stringvalidator's
// LengthBetween and RegexMatches gave two errors for one id, neither
// showing a stray space or line break, and RegexMatches quotes any value.)
type accountIDValidator struct{}

func (accountIDValidator) Description(context.Context) string {
	return "must be an 8x8 account id: a UUID of 32 hexadecimal digits, dashes optional"
}

func (v accountIDValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (accountIDValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := client.CheckAccountID(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid account_id", capitalize(err.Error()))
	}
}

// apiKeyValidator refuses api_key = "": see addEmptyAPIKey. (Its other
// checks need the key, which validation leaves to Configure.)
type apiKeyValidator struct{}

func (apiKeyValidator) Description(context.Context) string {
	return "must not be empty: leave it out, or null, to use " + EnvAPIKey
}

func (v apiKeyValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (apiKeyValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !req.ConfigValue.IsNull() && !req.ConfigValue.IsUnknown() && req.ConfigValue.ValueString() == "" {
		addEmptyAPIKey(&resp.Diagnostics, req.Path)
	}
}

// baseURLValidator checks base_url with the client's own rules.
type baseURLValidator struct{}

func (baseURLValidator) Description(context.Context) string {
	return "must be an https:// URL (http:// only for loopback hosts)"
}

func (v baseURLValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (baseURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := client.ParseBaseURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid base_url", capitalize(err.Error()))
	}
}

// durationValidator checks request_timeout: a Go duration above zero and at
// most maxRequestTimeout.
type durationValidator struct{}

func (durationValidator) Description(context.Context) string {
	return "must be a Go duration above zero and at most " + shortDuration(maxRequestTimeout) + ", such as 30s or 1m30s"
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := parseRequestTimeout(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), err.Error())
	}
}
