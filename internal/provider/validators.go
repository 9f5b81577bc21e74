package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

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

// regionValidator checks region, with regionProblem's message (the
// framework's OneOf quotes any value, a URL with a password included).
type regionValidator struct{}

func (regionValidator) Description(context.Context) string {
	return "must be one of: " + strings.Join(client.RegionNames(), ", ")
}

func (v regionValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (regionValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := regionProblem(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid region", problem)
	}
}

// regionProblem says why name is not an 8x8 region, "" when it is one. It
// quotes name only when it looks like a region name (regionLike), or is a
// region's URL; a URL is said to be one, shown as base_url errors show it
// (masked, or its length when it is not plausibly one); any other value
// (an API key, say) is described by its length.
func regionProblem(name string) string {
	if _, ok := client.Regions[name]; ok {
		return ""
	}
	names := client.RegionNames()
	list := strings.Join(names, ", ")
	if u, err := client.ParseBaseURL(name); err == nil {
		for _, region := range names {
			if client.Regions[region] == u.String() {
				return fmt.Sprintf("%q is the URL of the %s region, not a region name: use %s.", name, region, region)
			}
		}
	}
	switch {
	case client.LooksLikeURL(name):
		return fmt.Sprintf("The value looks like a URL (%s), not a region name: set base_url instead of region, or set region to one of: %s.",
			client.ShownURL(name), list)
	case !regionLike(name):
		return fmt.Sprintf("%s is not an 8x8 region; use one of: %s.", shown(name, false), list)
	}
	normal := strings.NewReplacer("_", "-", " ", "-").Replace(strings.ToLower(strings.TrimSpace(name)))
	if _, ok := client.Regions[normal]; ok {
		return fmt.Sprintf("%q is not an 8x8 region; did you mean %q? Use one of: %s.", name, normal, list)
	}
	return fmt.Sprintf("%q is not an 8x8 region; use one of: %s.", name, list)
}

// regionLike reports whether s looks like a region name: at most 24
// letters, dashes, underscores and spaces.
func regionLike(s string) bool { return looksLike(s, 24, "-_ ") }

// durationLike reports whether s looks like a duration: at most 16
// letters, digits, dots, signs, micro signs and spaces ("ten seconds").
func durationLike(s string) bool { return looksLike(s, 16, "0123456789.+-µμ ") }

// numberLike reports whether s looks like a number: at most 8 letters,
// digits, dots, signs and spaces ("-1", "four", "2.5").
func numberLike(s string) bool { return looksLike(s, 8, "0123456789.+- ") }

// looksLike reports whether s has at most most characters, each an ASCII
// letter or one of also.
func looksLike(s string, most int, also string) bool {
	if utf8.RuneCountInString(s) > most {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && !strings.ContainsRune(also, r) {
			return false
		}
	}
	return true
}

// shown is v quoted when it looks like what its setting takes (looks), so
// that a typo shows; otherwise "The value (n characters)": another
// setting's value given here, an API key say, is never shown.
func shown(v string, looks bool) string {
	if looks {
		return strconv.Quote(v)
	}
	return fmt.Sprintf("The value (%s)", plural(utf8.RuneCountInString(v), "character"))
}
