package provider

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/client/baseurltest"
)

func TestRegionURLs(t *testing.T) {
	for region, want := range map[string]string{
		"":              "https://chatapps.8x8.com",
		"asia-pacific":  "https://chatapps.8x8.com",
		"europe":        "https://chatapps.8x8.uk",
		"north-america": "https://chatapps.us.8x8.com",
		"indonesia":     "https://chatapps.8x8.id",
	} {
		m := providerModel{APIKey: types.StringValue("k"), Region: types.StringValue(region)}
		if region == "" {
			m.Region = types.StringNull()
		}
		cfg, diags := resolveConfig(m, testEnv{}.get)
		if diags.HasError() || cfg.BaseURL != want {
			t.Errorf("region %q: got %q, %v; want %q", region, cfg.BaseURL, diags, want)
		}
		// The same through the environment.
		cfg, diags = resolveConfig(providerModel{APIKey: types.StringValue("k")}, testEnv{EnvRegion: region}.get)
		if diags.HasError() || cfg.BaseURL != want {
			t.Errorf("%s=%q: got %q, %v; want %q", EnvRegion, region, cfg.BaseURL, diags, want)
		}
	}
}

func TestResolveConfig_defaultsAndPrecedence(t *testing.T) {
	env := testEnv{
		EnvAPIKey: "env-key", EnvRegion: "europe", EnvRequestTimeout: "5s", EnvMaxRetries: "2",
		EnvCACertFile: "/env/ca.pem",
	}
	cfg, diags := resolveConfig(providerModel{}, env.get)
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := client.Config{APIKey: "env-key", BaseURL: "https://chatapps.8x8.uk", RequestTimeout: 5 * time.Second, MaxRetries: 2, CACertFile: "/env/ca.pem"}
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("from env: got %+v, want %+v", cfg, want)
	}
	cfg, diags = resolveConfig(providerModel{
		APIKey: types.StringValue("cfg-key"), BaseURL: types.StringValue("https://proxy.example"),
		RequestTimeout: types.StringValue("1m"), MaxRetries: types.Int64Value(0), CACertFile: types.StringValue("/cfg/ca.pem"),
	}, env.get)
	if diags.HasError() {
		t.Fatal(diags)
	}
	want = client.Config{APIKey: "cfg-key", BaseURL: "https://proxy.example", RequestTimeout: time.Minute, MaxRetries: 0, CACertFile: "/cfg/ca.pem"}
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("config over env: got %+v, want %+v", cfg, want)
	}
	cfg, _ = resolveConfig(providerModel{APIKey: types.StringValue("k")}, testEnv{}.get)
	if cfg.RequestTimeout != 30*time.Second || cfg.MaxRetries != 4 || cfg.BaseURL != "https://chatapps.8x8.com" {
		t.Errorf("defaults: got %+v", cfg)
	}
}

func TestResolveConfig_badEnvironment(t *testing.T) {
	for env, want := range map[string][]string{
		EnvRegion:          {"Invalid region", EnvRegion, "asia-pacific, europe, indonesia, north-america"},
		EnvBaseURL:         {"Invalid base_url", EnvBaseURL, "clear text"},
		EnvRequestTimeout:  {"Invalid request_timeout", EnvRequestTimeout, "not a duration"},
		EnvMaxRetries:      {"Invalid max_retries", EnvMaxRetries, "0 to 10"},
		"timeout of hours": {"Invalid request_timeout", EnvRequestTimeout, `"90m" is more than 10m, the most request_timeout may be`},
	} {
		value := map[string]string{EnvRegion: "mars", EnvBaseURL: "http://chatapps.8x8.com", EnvRequestTimeout: "soon", EnvMaxRetries: "-1"}[env]
		if env == "timeout of hours" {
			env, value = EnvRequestTimeout, "90m"
		}
		_, diags := resolveConfig(providerModel{APIKey: types.StringValue("k")}, testEnv{env: value}.get)
		text := fmt.Sprint(diags)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s=%q: diagnostics %q lack %q", env, value, text, w)
			}
		}
	}
}

// region in the provider block wins over EIGHTXEIGHT_BASE_URL, and base_url
// in the block over EIGHTXEIGHT_REGION: a value in the provider block wins.
// Settings from two places warn; from one place, base_url overrides the
// region's URL, as documented.
func TestResolveConfig_regionAndBaseURL(t *testing.T) {
	block := func(attr string) providerModel {
		m := providerModel{APIKey: types.StringValue("k")}
		switch attr {
		case "region":
			m.Region = types.StringValue("europe")
		case "base_url":
			m.BaseURL = types.StringValue("https://gateway.example/8x8")
		}
		return m
	}
	const gateway = "https://gateway.example/8x8"
	regionIgnored := func(not string) string {
		return "[base_url] EIGHTXEIGHT_REGION ignored: base_url is set in the provider block, and a value in the provider block " +
			"wins over the environment: the provider calls " + gateway + ", not " + not + ". Unset EIGHTXEIGHT_REGION, or set region " +
			"in the provider block instead of base_url."
	}
	for name, tc := range map[string]struct {
		model providerModel
		env   testEnv
		url   string
		warn  string
	}{
		"block region, env base_url": {block("region"), testEnv{EnvBaseURL: "https://gateway.example/8x8"}, "https://chatapps.8x8.uk",
			"[region] EIGHTXEIGHT_BASE_URL ignored: region is set in the provider block, and a value in the provider block wins over " +
				"the environment: the provider calls https://chatapps.8x8.uk (the europe region), not EIGHTXEIGHT_BASE_URL. Unset " +
				"EIGHTXEIGHT_BASE_URL, or set base_url in the provider block instead of region."},
		"block base_url, env region":          {block("base_url"), testEnv{EnvRegion: "europe"}, gateway, regionIgnored("the europe region")},
		"block base_url, env region mistyped": {block("base_url"), testEnv{EnvRegion: "europ"}, gateway, regionIgnored(`"europ", which is no 8x8 region`)},
		"block base_url, env region a key": {block("base_url"), testEnv{EnvRegion: "q7XkAbCdEfGhIjKlMnOpQrStUvWxsGa2"}, gateway,
			regionIgnored("the value of EIGHTXEIGHT_REGION (32 characters), which is no 8x8 region")},
		"block base_url, env region a URL": {block("base_url"), testEnv{EnvRegion: "https://admin:S3cretPw@gw.example"}, gateway,
			regionIgnored(`the URL in EIGHTXEIGHT_REGION ("https://***@gw.example"), which is no region name`)},
		"both from the environment": {block(""), testEnv{EnvRegion: "europe", EnvBaseURL: "https://gateway.example/8x8"}, "https://gateway.example/8x8", ""},
		"block region, env region":  {block("region"), testEnv{EnvRegion: "indonesia"}, "https://chatapps.8x8.uk", ""},
	} {
		cfg, diags := resolveConfig(tc.model, tc.env.get)
		var warnings []string
		for _, d := range diags.Warnings() {
			p := ""
			if wp, ok := d.(diag.DiagnosticWithPath); ok {
				p = "[" + wp.Path().String() + "] "
			}
			warnings = append(warnings, p+d.Summary()+": "+d.Detail())
		}
		if diags.HasError() || cfg.BaseURL != tc.url || strings.Join(warnings, "\n") != tc.warn {
			t.Errorf("%s: base URL %q, diagnostics %v\nwant %q and warning %q", name, cfg.BaseURL, strings.Join(warnings, "\n"), tc.url, tc.warn)
		}
	}
}

// The worst case of one account read, as the README states it.
func TestWorstCaseRead(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(readme)), " ")
	for _, tc := range []struct {
		timeout time.Duration
		retries int
		want    time.Duration
		doc     string
	}{
		{client.DefaultRequestTimeout, client.DefaultMaxRetries, 6*time.Minute + 30*time.Second, "6 min 30 s with the defaults"},
		{client.DefaultRequestTimeout, maxMaxRetries, 15*time.Minute + 30*time.Second, "15 min 30 s with `max_retries = 10`"},
		{maxRequestTimeout, maxMaxRetries, 2 * time.Hour, "2 h with both at their maxima"},
	} {
		if got := worstCaseRead(tc.timeout, tc.retries); got != tc.want {
			t.Errorf("%s, %d retries: %s, want %s", tc.timeout, tc.retries, got, tc.want)
		}
		if !strings.Contains(text, tc.doc) {
			t.Errorf("the README does not say %q", tc.doc)
		}
	}
	if doc := "(max_retries + 1) × request_timeout + max_retries × 60 s"; !strings.Contains(text, doc) || client.MaxRetryAfter != time.Minute {
		t.Errorf("the README's formula %q is not the code's", doc)
	}
}

// No spelling of a base_url with a password, however malformed, gets a
// diagnostic that shows any part of the password: from the provider block
// (its validator, then Configure, with EIGHTXEIGHT_REGION set, which warns
// naming the URL called) or from EIGHTXEIGHT_BASE_URL.
func TestBaseURL_neverEchoesPassword(t *testing.T) {
	const pwA, pwB = "Zq8kS3cr", "Xv4tPw77"
	key := types.StringValue("k")
	for _, raw := range baseurltest.MalformedUserInfo(pwA, pwB) {
		var validated validator.StringResponse
		baseURLValidator{}.ValidateString(context.Background(),
			validator.StringRequest{Path: path.Root("base_url"), ConfigValue: types.StringValue(raw)}, &validated)
		_, inBlock := resolveConfig(providerModel{APIKey: key, BaseURL: types.StringValue(raw)}, testEnv{EnvRegion: "europe"}.get)
		_, fromEnv := resolveConfig(providerModel{APIKey: key}, testEnv{EnvBaseURL: raw}.get)
		for source, diags := range map[string]diag.Diagnostics{"validator": validated.Diagnostics, "block": inBlock, "environment": fromEnv} {
			text := diagnosticsText(diags)
			if !strings.Contains(text, "Invalid base_url") {
				t.Errorf("%q (%s): no error: %s", raw, source, text)
			}
			if frag := baseurltest.LeakedFragment(text, pwA, pwB); frag != "" {
				t.Errorf("%q (%s): the diagnostics show %q of the password:\n%s", raw, source, frag, text)
			}
		}
	}
}

// diagnosticsText is every summary and detail of diags, one a line.
func diagnosticsText(diags diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "%s: %s: %s\n", d.Severity(), d.Summary(), d.Detail())
	}
	return b.String()
}

// api_key = "" in the provider block is an error, not a fallback to
// EIGHTXEIGHT_API_KEY (null is: Terraform's null means left out), at
// validation and at configure time.
func TestAPIKey_emptyIsNotAFallback(t *testing.T) {
	const want = `Error: Empty api_key: api_key is set to "" in the provider block. An empty api_key does not fall back to ` +
		`EIGHTXEIGHT_API_KEY: set it to an API key from the 8x8 Connect portal, or leave api_key out (or set it to null) to use ` +
		`EIGHTXEIGHT_API_KEY. A variable that defaults to "" gives this: default it to null instead.` + "\n"
	env := testEnv{EnvAPIKey: "env-key"}
	cfg, diags := resolveConfig(providerModel{APIKey: types.StringValue("")}, env.get)
	if got := diagnosticsText(diags); got != want || cfg.APIKey != "" {
		t.Errorf("configure: key %q, diagnostics\n%s\nwant\n%s", cfg.APIKey, got, want)
	}
	var resp provider.SchemaResponse
	New("test", env.get).Schema(context.Background(), provider.SchemaRequest{}, &resp)
	attr, ok := resp.Schema.Attributes["api_key"].(schema.StringAttribute)
	if !ok {
		t.Fatalf("api_key is a %T", resp.Schema.Attributes["api_key"])
	}
	var validated diag.Diagnostics
	for _, v := range attr.Validators {
		var r validator.StringResponse
		v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("api_key"), ConfigValue: types.StringValue("")}, &r)
		validated.Append(r.Diagnostics...)
	}
	if got := diagnosticsText(validated); got != want {
		t.Errorf("validation: diagnostics\n%s\nwant\n%s", got, want)
	}
	// Left out, or null: the environment's key.
	if cfg, diags := resolveConfig(providerModel{APIKey: types.StringNull()}, env.get); diags.HasError() || cfg.APIKey != "env-key" {
		t.Errorf("null api_key: key %q, %v", cfg.APIKey, diags)
	}
}

// An api_key of "Bearer <key>" is told that the provider adds "Bearer "
// itself, not pointed at white space and trimspace(file()); the file hint
// is for a key with white space around it only; EIGHTXEIGHT_API_KEY set to
// white space only is said to be so, not "missing". None repeats the key.
func TestResolveConfig_apiKeyMistakes(t *testing.T) {
	const bearer = `The API key starts with the word Bearer, which is added to it (the key is sent as Authorization: Bearer <key>): ` +
		`give only the key, without "Bearer ".`
	const fromEnv = "From the environment variable " + EnvAPIKey + ": "
	for _, tc := range []struct {
		block types.String
		env   string
		want  string
	}{
		{types.StringValue("Bearer q7XkS3cretKey"), "", "Error: Invalid api_key: " + bearer + "\n"},
		{types.StringNull(), "Bearer q7XkS3cretKey", "Error: Invalid api_key: " + fromEnv + bearer + "\n"},
		{types.StringValue("q7XkS3cretKey\n"), "", "Error: Invalid api_key: The API key holds a line break (U+000A) at byte 14 of 14; API keys " +
			"hold only printable ASCII characters, no white space, so no request with it can succeed. A key read from a file usually ends " +
			`with a line break: write api_key = trimspace(file("..."))` + "\n"},
		{types.StringValue("q7Xk\u00e9S3cretKey"), "", "Error: Invalid api_key: The API key holds a character that is not ASCII (U+00E9) " +
			"at byte 5 of 15; API keys hold only printable ASCII characters, no white space, so no request with it can succeed.\n"},
		{types.StringValue("\n"), "", "Error: Invalid api_key: The API key holds only white space (1 byte), so no request with it can succeed.\n"},
		{types.StringNull(), " \t ", "Error: Invalid api_key: " + fromEnv + "The variable is set, but holds only white space (3 bytes): set it " +
			"to an API key from the 8x8 Connect portal, or unset it and set api_key in the provider block.\n"},
	} {
		_, diags := resolveConfig(providerModel{APIKey: tc.block}, testEnv{EnvAPIKey: tc.env}.get)
		if got := diagnosticsText(diags); got != tc.want {
			t.Errorf("api_key %v, %s=%q:\ngot  %s\nwant %s", tc.block, EnvAPIKey, tc.env, got, tc.want)
		}
		if strings.Contains(diagnosticsText(diags), "S3cret") {
			t.Errorf("the key is shown: %s", diagnosticsText(diags))
		}
	}
}

// An API key given as base_url (in the block, where Terraform hides a
// sensitive variable's value, or in EIGHTXEIGHT_BASE_URL) is not shown, nor
// suggested as a host: the error gives its length and what to write.
func TestBaseURL_apiKeyNeverShown(t *testing.T) {
	const key = "q7XkAbCdEfGhIjKlMnOpQrStUvWxsGa2"
	const notAURL = "he value is not a URL (32 characters, no scheme, no host name): write https://chatapps.8x8.com or the URL of your region, " +
		"or http://127.0.0.1:PORT for a local emulator\n"
	var validated validator.StringResponse
	baseURLValidator{}.ValidateString(context.Background(),
		validator.StringRequest{Path: path.Root("base_url"), ConfigValue: types.StringValue(key)}, &validated)
	_, fromEnv := resolveConfig(providerModel{APIKey: types.StringValue("k")}, testEnv{EnvBaseURL: key}.get)
	for source, tc := range map[string]struct {
		diags diag.Diagnostics
		want  string
	}{
		"validator":   {validated.Diagnostics, "Error: Invalid base_url: T" + notAURL},
		"environment": {fromEnv, "Error: Invalid base_url: From the environment variable " + EnvBaseURL + ": T" + notAURL},
	} {
		if got := diagnosticsText(tc.diags); got != tc.want {
			t.Errorf("%s:\ngot  %s\nwant %s", source, got, tc.want)
		}
	}
}

// A region, a request_timeout or a max_retries value is quoted only when it
// looks like one (a region name mistyped or made of region words, a number
// and a duration unit, a number), so that a typo shows; any other value (another setting's, an API key or a URL with
// a password) is not shown: a URL is said to be one (masked, and named
// when it is a region's), anything else is described by its length. The
// same from the provider block (the validators) and from the environment.
func TestConfigValues_shownOnlyWhenTheyLookRight(t *testing.T) {
	const key = "q7XkAbCdEfGhIjKlMnOpQrStUvWxsGa2"
	const regions = "asia-pacific, europe, indonesia, north-america"
	for _, tc := range []struct {
		attr, env, value, want string
	}{
		{"region", EnvRegion, "eu", `"eu" is not an 8x8 region; use one of: ` + regions + "."},
		{"region", EnvRegion, "us-east", `"us-east" is not an 8x8 region; use one of: ` + regions + "."},
		{"region", EnvRegion, "North_America", `"North_America" is not an 8x8 region; did you mean "north-america"? Use one of: ` + regions + "."},
		{"region", EnvRegion, "europ", `"europ" is not an 8x8 region; did you mean "europe"? Use one of: ` + regions + "."},
		{"region", EnvRegion, "Indonesai", `"Indonesai" is not an 8x8 region; did you mean "indonesia"? Use one of: ` + regions + "."},
		{"region", EnvRegion, "asia pacific", `"asia pacific" is not an 8x8 region; did you mean "asia-pacific"? Use one of: ` + regions + "."},
		{"region", "", "", `"" is not an 8x8 region; use one of: ` + regions + "."}, // in the block only: an empty variable is unset
		{"region", EnvRegion, "mars", "The value (4 characters) is not an 8x8 region; use one of: " + regions + "."},
		{"region", EnvRegion, "qwertzuiopasdfgh", "The value (16 characters) is not an 8x8 region; use one of: " + regions + "."},
		{"region", EnvRegion, "eu-west-1", "The value (9 characters) is not an 8x8 region; use one of: " + regions + "."},
		{"region", EnvRegion, key, "The value (32 characters) is not an 8x8 region; use one of: " + regions + "."},
		{"region", EnvRegion, "https://admin:S3cretPw@gw.example", `The value looks like a URL ("https://***@gw.example"), not a region ` +
			"name: set base_url instead of region, or set region to one of: " + regions + "."},
		{"region", EnvRegion, "admin:S3cretPw", "The value (14 characters) is not an 8x8 region; use one of: " + regions + "."},
		{"region", EnvRegion, "https://chatapps.8x8.uk/", `"https://chatapps.8x8.uk/" is the URL of the europe region, not a region name: use europe.`},
		{"request_timeout", EnvRequestTimeout, "30 sec", `"30 sec" is not a duration; use a Go duration such as 30s, 2m or 1m30s`},
		{"request_timeout", "", " 30 sec", `" 30 sec" is not a duration; use a Go duration such as 30s, 2m or 1m30s`},
		{"request_timeout", EnvRequestTimeout, "5x", `"5x" is not a duration; use a Go duration such as 30s, 2m or 1m30s`},
		{"request_timeout", EnvRequestTimeout, "1,5 minutes", `"1,5 minutes" is not a duration; use a Go duration such as 30s, 2m or 1m30s`},
		{"request_timeout", EnvRequestTimeout, "1h30", `"1h30" is not a duration; use a Go duration such as 30s, 2m or 1m30s`},
		{"request_timeout", EnvRequestTimeout, "30", `"30" is not a duration; use a Go duration such as 30s, 2m or 1m30s`},
		{"request_timeout", EnvRequestTimeout, "2 days", `"2 days" is not a duration; use a Go duration such as 30s, 2m or 1m30s`},
		{"request_timeout", EnvRequestTimeout, "ten seconds", "The value (11 characters) is not a duration; use a Go duration such as 30s, 2m or 1m30s"},
		{"request_timeout", EnvRequestTimeout, "q7Xk2vR9pL4mN8wT", "The value (16 characters) is not a duration; use a Go duration such as 30s, 2m or 1m30s"},
		{"request_timeout", EnvRequestTimeout, key, "The value (32 characters) is not a duration; use a Go duration such as 30s, 2m or 1m30s"},
		{"max_retries", EnvMaxRetries, "-1", `"-1" must be a whole number from 0 to 10.`},
		{"max_retries", EnvMaxRetries, "2.5", `"2.5" must be a whole number from 0 to 10.`},
		{"max_retries", EnvMaxRetries, "5x", `"5x" must be a whole number from 0 to 10.`},
		{"max_retries", EnvMaxRetries, "3 times", `"3 times" must be a whole number from 0 to 10.`},
		{"max_retries", EnvMaxRetries, "four", "The value (4 characters) must be a whole number from 0 to 10."},
		{"max_retries", EnvMaxRetries, "q7Xk2vR9", "The value (8 characters) must be a whole number from 0 to 10."},
		{"max_retries", EnvMaxRetries, key, "The value (32 characters) must be a whole number from 0 to 10."},
	} {
		summary := "Error: Invalid " + tc.attr + ": "
		_, fromEnv := resolveConfig(providerModel{APIKey: types.StringValue("k")}, testEnv{tc.env: tc.value}.get)
		if got, want := diagnosticsText(fromEnv), summary+"From the environment variable "+tc.env+": "+tc.want+"\n"; tc.env != "" && got != want {
			t.Errorf("%s=%q:\ngot  %s\nwant %s", tc.env, tc.value, got, want)
		}
		var v validator.String
		switch tc.attr {
		case "region":
			v = regionValidator{}
		case "request_timeout":
			v = durationValidator{}
		default:
			continue // an integer in the provider block
		}
		var resp validator.StringResponse
		v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root(tc.attr), ConfigValue: types.StringValue(tc.value)}, &resp)
		if got, want := diagnosticsText(resp.Diagnostics), summary+tc.want+"\n"; got != want {
			t.Errorf("%s = %q:\ngot  %s\nwant %s", tc.attr, tc.value, got, want)
		}
	}
}

// No random key of 8 to 32 letters and digits (or base64url) looks like a
// region, a duration or a number: given as region, request_timeout or
// EIGHTXEIGHT_MAX_RETRIES it is never quoted, nor any part of it, nor in
// the warning that EIGHTXEIGHT_REGION is ignored.
func TestConfigValues_randomKeysNeverShown(t *testing.T) {
	for _, key := range baseurltest.RandomKeys(400) {
		if regionLike(key) || durationLike(key) || numberLike(key) {
			t.Fatalf("%q looks like a region (%v), a duration (%v) or a number (%v)", key, regionLike(key), durationLike(key), numberLike(key))
		}
		_, diags := resolveConfig(providerModel{APIKey: types.StringValue("k")},
			testEnv{EnvRegion: key, EnvRequestTimeout: key, EnvMaxRetries: key}.get)
		if text := diagnosticsText(diags); strings.Contains(text, key[:8]) || len(diags) != 3 {
			t.Fatalf("%q is shown:\n%s", key, text)
		}
		// EIGHTXEIGHT_REGION ignored for base_url in the block: a warning.
		_, diags = resolveConfig(providerModel{APIKey: types.StringValue("k"), BaseURL: types.StringValue("https://gw.example")},
			testEnv{EnvRegion: key}.get)
		if text := diagnosticsText(diags); strings.Contains(text, key[:8]) || len(diags) != 1 {
			t.Fatalf("%q is shown:\n%s", key, text)
		}
	}
}

// Hexadecimal keys read as "N days" and more digits ("5999d510"), or pairs
// ending in a stray letter ("1h2m3s4x"), are no durations: not quoted.
func TestDurationLike_hexKeysNotDurations(t *testing.T) {
	for _, v := range []string{"5999d510", "824245d3", "0545d698", "1h2m3s4x"} {
		if durationLike(v) {
			t.Errorf("%q looks like a duration", v)
		}
	}
	for _, v := range []string{"30s", "30 sec", "1m30s", "1h30", "30", "5x", "2 minutes", "-1s", "1.5h"} {
		if !durationLike(v) {
			t.Errorf("%q does not look like a duration", v)
		}
	}
}
