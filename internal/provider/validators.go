package provider

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/spelling"
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
// region's URL, suggesting the region a typo means (regionTypo); a URL is
// said to be one, shown as base_url errors show it (masked, or its length
// when it is not plausibly one); any other value (an API key, say) is
// described by its length.
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
	if right := regionTypo(name); right != "" {
		return fmt.Sprintf("%q is not an 8x8 region; did you mean %q? Use one of: %s.", name, right, list)
	}
	return fmt.Sprintf("%q is not an 8x8 region; use one of: %s.", name, list)
}

// regionNamed names name, the region that variable (EIGHTXEIGHT_REGION)
// gives, in a message that ignores it, by regionProblem's rule: "the
// europe region" for a region; quoted when it looks like a region name
// (regionLike); a URL said to be one, shown as base_url errors show it;
// any other value (an API key, say) by its length.
func regionNamed(name, variable string) string {
	switch _, ok := client.Regions[name]; {
	case ok:
		return "the " + name + " region"
	case client.LooksLikeURL(name):
		return fmt.Sprintf("the URL in %s (%s), which is no region name", variable, client.ShownURL(name))
	case regionLike(name):
		return fmt.Sprintf("%q, which is no 8x8 region", name)
	}
	return fmt.Sprintf("the value of %s (%s), which is no 8x8 region", variable, plural(utf8.RuneCountInString(name), "character"))
}

// regionLike reports whether s looks like a region name: a region's name
// mistyped (regionTypo), or at most 24 characters of words that name
// regions or parts of the world (regionWords), separated by dashes,
// underscores or spaces. A key or a password is neither.
func regionLike(s string) bool {
	if utf8.RuneCountInString(s) > 24 {
		return false
	}
	if regionTypo(s) != "" {
		return true
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	for _, w := range words {
		if !regionWords[strings.ToLower(w)] {
			return false
		}
	}
	return len(words) > 0 || strings.TrimSpace(s) == "" // "" is shown as such
}

// regionWords are the words a region name is written with, 8x8's or
// another cloud's ("eu-west", "us-east").
var regionWords = map[string]bool{
	"asia": true, "pacific": true, "apac": true, "ap": true, "europe": true, "eu": true, "uk": true, "north": true,
	"south": true, "america": true, "americas": true, "us": true, "usa": true, "na": true, "indonesia": true, "id": true,
	"east": true, "west": true, "central": true, "southeast": true,
}

// regionTypo is the region that s most likely means: its name but for
// case, white space around it, a dash written as an underscore or a space,
// or a few letters (one for europe, two for indonesia, three for the
// longer names); "" when no region's name is that close.
func regionTypo(s string) string {
	normal := strings.NewReplacer("_", "-", " ", "-").Replace(strings.ToLower(strings.TrimSpace(s)))
	best, bestDistance := "", 0
	for _, region := range client.RegionNames() {
		if d := spelling.Distance(normal, region); d <= max(1, len(region)/4) && (best == "" || d < bestDistance) {
			best, bestDistance = region, d
		}
	}
	return best
}

// A number (at most 6 digits before and after a point: a longer one is no
// typo of a duration, and may be a key of digits) and a duration unit:
// Go's (ns, us, µs, ms, s, m, h) and those often written for them (sec,
// mins, hours, days). Not "d" alone: it is a hexadecimal digit
// ("1392d5558d" is a key).
const (
	numberRE       = `(?:\d{1,6}(?:[.,]\d{0,6})?|[.,]\d{1,6})`
	durationUnitRE = `(?:ns|us|µs|μs|ms|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|days?)`
)

// durationRE is a duration as people write one: optionally signed, pairs
// of a number and a unit, perhaps with spaces ("30 sec", "1m30s"); a
// number alone, perhaps with one letter that is no unit ("30", "5x"); or
// hours or minutes with the next unit left out ("1h30"). Not a number, a
// unit and more digits ("5999d510", a hexadecimal key).
var durationRE = regexp.MustCompile(`(?i)^ *[+-]? *(?:(?:` + numberRE + ` *` + durationUnitRE + ` *)+|` + numberRE + ` *(?:\pL *)?|` +
	`\d{1,3} *[hm] *\d{1,2} *)$`)

// durationLike reports whether s looks like a duration (durationRE) of at
// most 16 characters: "30 sec", "1h30", "5x"; not a key.
func durationLike(s string) bool { return utf8.RuneCountInString(s) <= 16 && durationRE.MatchString(s) }

// countRE is a number as people write a count: optionally signed, with a
// decimal point or comma, spaces, and perhaps "x" or "times" after it.
var countRE = regexp.MustCompile(`(?i)^ *[+-]? *` + numberRE + ` *(?:x|times)? *$`)

// numberLike reports whether s looks like a number (countRE) of at most 8
// characters: "-1", "2.5", "5x"; not a key.
func numberLike(s string) bool { return utf8.RuneCountInString(s) <= 8 && countRE.MatchString(s) }

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
