package provider

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// Environment variables read when the provider block leaves a setting out.
const (
	EnvAPIKey         = "EIGHTXEIGHT_API_KEY"
	EnvRegion         = "EIGHTXEIGHT_REGION"
	EnvBaseURL        = "EIGHTXEIGHT_BASE_URL"
	EnvRequestTimeout = "EIGHTXEIGHT_REQUEST_TIMEOUT"
	EnvMaxRetries     = "EIGHTXEIGHT_MAX_RETRIES"
	EnvCACertFile     = "EIGHTXEIGHT_CA_CERT_FILE"
)

// maxMaxRetries keeps a typo such as 400 from turning a failing run into
// hours of backoff.
const maxMaxRetries = 10

var osGetenv = os.Getenv

// unknownAttributes lists the attributes whose value is not known yet.
func (m providerModel) unknownAttributes() []string {
	var out []string
	for name, unknown := range map[string]bool{
		"api_key":         m.APIKey.IsUnknown(),
		"region":          m.Region.IsUnknown(),
		"base_url":        m.BaseURL.IsUnknown(),
		"request_timeout": m.RequestTimeout.IsUnknown(),
		"max_retries":     m.MaxRetries.IsUnknown(),
		"ca_cert_file":    m.CACertFile.IsUnknown(),
	} {
		if unknown {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// setting is one resolved provider setting and where it came from.
type setting struct {
	value string
	attr  string // attribute name
	env   string // environment variable name
	inCfg bool   // true when the provider block set it
}

// from picks the provider block's value, else the environment's. A value
// left out or null is not set; any other, "" included, is the block's:
// an empty string is not a fallback (each attribute's validator refuses
// it).
func from(v types.String, attr, env string, getenv func(string) string) setting {
	if !v.IsNull() {
		return setting{value: v.ValueString(), attr: attr, env: env, inCfg: true}
	}
	return setting{value: strings.TrimSpace(getenv(env)), attr: attr, env: env}
}

// invalid adds an error about s: on the attribute when the block set it,
// otherwise naming the environment variable.
func (s setting) invalid(diags *diag.Diagnostics, summary, detail string) {
	if s.inCfg {
		diags.AddAttributeError(path.Root(s.attr), summary, detail)
		return
	}
	diags.AddError(summary, fmt.Sprintf("From the environment variable %s: %s", s.env, detail))
}

// resolveConfig merges the provider block with the environment (the block
// wins), applies defaults and checks every value.
func resolveConfig(m providerModel, getenv func(string) string) (client.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	cfg := client.Config{RequestTimeout: client.DefaultRequestTimeout, MaxRetries: client.DefaultMaxRetries}

	key := from(m.APIKey, "api_key", EnvAPIKey, getenv)
	switch {
	case key.value == "" && key.inCfg: // apiKeyValidator refuses it first
		addEmptyAPIKey(&diags, path.Root("api_key"))
	case key.value == "" && getenv(EnvAPIKey) != "": // white space only, which from trims
		key.invalid(&diags, "Invalid api_key", fmt.Sprintf("The variable is set, but holds only white space (%s): set it to an "+
			"API key from the 8x8 Connect portal, or unset it and set api_key in the provider block.", plural(len(getenv(EnvAPIKey)), "byte")))
	case key.value == "":
		diags.AddAttributeError(path.Root("api_key"), "Missing 8x8 API key",
			fmt.Sprintf("Set api_key in the provider block or the environment variable %s to an API key from the 8x8 Connect portal.", EnvAPIKey))
	}
	if err := client.CheckAPIKey(key.value); key.value != "" && err != nil {
		detail := capitalize(err.Error()) + ", so no request with it can succeed."
		if errors.Is(err, client.ErrBearerPrefix) {
			detail = capitalize(err.Error()) + "."
		}
		if trimmed := strings.TrimSpace(key.value); key.inCfg && trimmed != key.value && trimmed != "" {
			detail += ` A key read from a file usually ends with a line break: write api_key = trimspace(file("..."))`
		}
		key.invalid(&diags, "Invalid api_key", detail)
	}
	cfg.APIKey = key.value

	cfg.BaseURL = resolveBaseURL(from(m.Region, "region", EnvRegion, getenv), from(m.BaseURL, "base_url", EnvBaseURL, getenv), &diags)

	if t := from(m.RequestTimeout, "request_timeout", EnvRequestTimeout, getenv); t.value != "" {
		d, err := parseRequestTimeout(t.value)
		if err != nil {
			t.invalid(&diags, "Invalid request_timeout", err.Error())
		}
		cfg.RequestTimeout = d
	}

	switch {
	case !m.MaxRetries.IsNull():
		cfg.MaxRetries = int(m.MaxRetries.ValueInt64())
	case getenv(EnvMaxRetries) != "":
		s := setting{value: strings.TrimSpace(getenv(EnvMaxRetries)), attr: "max_retries", env: EnvMaxRetries}
		n, err := strconv.Atoi(s.value)
		if err != nil || n < 0 || n > maxMaxRetries {
			s.invalid(&diags, "Invalid max_retries", fmt.Sprintf("%s must be a whole number from 0 to %d.", shown(s.value, numberLike(s.value)), maxMaxRetries))
		}
		cfg.MaxRetries = n
	}
	cfg.CACertFile = from(m.CACertFile, "ca_cert_file", EnvCACertFile, getenv).value
	return cfg, diags
}

// addEmptyAPIKey adds the error for api_key = "" in the provider block.
// Terraform's null is "left out", so null falls back to EIGHTXEIGHT_API_KEY;
// "" is a value, most often a variable whose default is "" or that was
// never set, and using another key instead would hide that.
func addEmptyAPIKey(diags *diag.Diagnostics, at path.Path) {
	diags.AddAttributeError(at, "Empty api_key", fmt.Sprintf(`api_key is set to "" in the provider block. An empty api_key does `+
		`not fall back to %[1]s: set it to an API key from the 8x8 Connect portal, or leave api_key out (or set it to null) `+
		`to use %[1]s. A variable that defaults to "" gives this: default it to null instead.`, EnvAPIKey))
}

// resolveBaseURL picks the URL to call. A value in the provider block wins
// over the environment, so region in the block beats EIGHTXEIGHT_BASE_URL
// and base_url in the block beats EIGHTXEIGHT_REGION, with a warning, as
// the two come from different places. From one place, base_url overrides
// the region's URL. (Both in the block is refused by the schema.)
func resolveBaseURL(region, base setting, diags *diag.Diagnostics) string {
	if base.value != "" && (base.inCfg || !region.inCfg) {
		_, err := client.ParseBaseURL(base.value)
		if err != nil { // the error masks what could be user info; base.value is shown only when valid
			base.invalid(diags, "Invalid base_url", capitalize(err.Error()))
		}
		if region.value != "" && base.inCfg && err == nil {
			diags.AddAttributeWarning(path.Root("base_url"), EnvRegion+" ignored", fmt.Sprintf("base_url is set in the provider "+
				"block, and a value in the provider block wins over the environment: the provider calls %s, not %s. "+
				"Unset %s, or set region in the provider block instead of base_url.", base.value, regionNamed(region.value, EnvRegion), EnvRegion))
		}
		return base.value
	}
	name := region.value
	if name == "" {
		name = client.DefaultRegion
	}
	url, ok := client.Regions[name]
	if !ok {
		region.invalid(diags, "Invalid region", regionProblem(name))
	}
	if base.value != "" && ok { // region in the block, base_url from the environment
		diags.AddAttributeWarning(path.Root("region"), EnvBaseURL+" ignored", fmt.Sprintf("region is set in the provider block, "+
			"and a value in the provider block wins over the environment: the provider calls %s (the %s region), not %s. "+
			"Unset %s, or set base_url in the provider block instead of region.", url, name, EnvBaseURL, EnvBaseURL))
	}
	return url
}

// maxRequestTimeout bounds request_timeout: a read makes up to
// max_retries + 1 attempts, so a typo such as "30m" for "30s" (or "30h")
// must not hold a pipeline for hours. See worstCaseRead.
const maxRequestTimeout = 10 * time.Minute

// parseRequestTimeout parses a Go duration above zero and at most
// maxRequestTimeout. A value that is not one is quoted only when it looks
// like one (durationLike).
func parseRequestTimeout(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	switch {
	case err != nil:
		return 0, fmt.Errorf("%s is not a duration; use a Go duration such as 30s, 2m or 1m30s", shown(s, durationLike(s)))
	case d <= 0:
		return 0, fmt.Errorf("%q must be longer than zero", s)
	case d > maxRequestTimeout:
		return 0, fmt.Errorf("%q is more than %s, the most request_timeout may be: a read makes up to max_retries + 1 attempts, "+
			"each bounded by request_timeout, so a longer bound could hold a pipeline for hours", s, shortDuration(maxRequestTimeout))
	}
	return d, nil
}

// worstCaseRead is the longest one account read can take before it fails:
// every attempt runs to request_timeout, and every wait between two is the
// longest Retry-After honored (backoff waits are shorter).
func worstCaseRead(requestTimeout time.Duration, maxRetries int) time.Duration {
	return time.Duration(maxRetries+1)*requestTimeout + time.Duration(maxRetries)*client.MaxRetryAfter
}

// shortDuration writes d without zero units: 10m, not 10m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// plural is "1 byte" or "n bytes".
func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// capitalize upper-cases the first letter of a client message that starts a
// sentence of a diagnostic.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
