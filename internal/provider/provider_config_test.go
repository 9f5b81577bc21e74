package provider

import (
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator/emulatortest"
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

func TestProvider_configFromEnvironment(t *testing.T) {
	_, url := startEmulator(t)
	unitTest(t, testEnv{EnvAPIKey: emulator.DefaultAPIKey, EnvBaseURL: url, EnvRequestTimeout: "10s", EnvMaxRetries: "1"},
		resource.TestStep{
			Config:            `provider "eightxeight" {}` + "\n" + webhooksConfig(emulator.DefaultAccountID),
			ConfigStateChecks: readsFourWebhooks,
		})
}

// The provider block wins over the environment.
func TestProvider_configOverridesEnvironment(t *testing.T) {
	_, url := startEmulator(t)
	unitTest(t, testEnv{EnvAPIKey: "wrong-env-key", EnvBaseURL: "https://unreachable.invalid", EnvRegion: "mars"},
		resource.TestStep{
			Config:            providerConfig(url) + webhooksConfig(emulator.DefaultAccountID),
			ConfigStateChecks: readsFourWebhooks,
		})
}

// The real process environment is read when no fake one is given.
func TestProvider_processEnvironment(t *testing.T) {
	_, url := startEmulator(t)
	t.Setenv(EnvAPIKey, emulator.DefaultAPIKey)
	t.Setenv(EnvBaseURL, url)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			TypeName: func() (tfprotov6.ProviderServer, error) { return New("test", nil).Server(), nil },
		},
		Steps: []resource.TestStep{{
			Config:            webhooksConfig(emulator.DefaultAccountID),
			ConfigStateChecks: readsFourWebhooks,
		}},
	})
}

func TestProvider_userAgent(t *testing.T) {
	emu, url := startEmulator(t)
	t.Cleanup(func() {
		reqs := emu.Requests()
		if len(reqs) == 0 {
			t.Fatal("no request reached the emulator")
		}
		h := reqs[0].Header
		ua := h.Get("User-Agent")
		if !errorRe(`terraform-provider-eightxeight/test Terraform/1.`).MatchString(ua) {
			t.Errorf("User-Agent %q", ua)
		}
		if h.Get("Accept") != "application/json" || h.Get("Authorization") != "Bearer "+emulator.DefaultAPIKey {
			t.Errorf("headers %v", h)
		}
	})
	unitTest(t, nil, resource.TestStep{
		Config:            providerConfig(url) + webhooksConfig(emulator.DefaultAccountID),
		ConfigStateChecks: readsFourWebhooks,
	})
}

func TestProvider_badConfiguration(t *testing.T) {
	_, url := startEmulator(t)
	data := webhooksConfig(emulator.DefaultAccountID)
	for name, tc := range map[string]struct {
		env    testEnv
		config string
		want   []string
	}{
		"missing key": {
			config: fmt.Sprintf("provider \"eightxeight\" {\n base_url = %q\n}\n", url),
			want:   []string{"Missing 8x8 API key", "api_key", EnvAPIKey},
		},
		"region in config": {
			config: `provider "eightxeight" {` + "\n api_key = \"k\"\n region = \"mars\"\n}\n",
			want:   []string{"region", `value must be one of`, `"asia-pacific"`, `"europe"`, `"indonesia"`, `"north-america"`},
		},
		"region and base_url": {
			config: `provider "eightxeight" {` + "\n api_key = \"k\"\n region = \"europe\"\n base_url = \"https://x.example\"\n}\n",
			want:   []string{"base_url", "region"},
		},
		"clear-text base_url": {
			config: `provider "eightxeight" {` + "\n api_key = \"k\"\n base_url = \"http://chatapps.8x8.com\"\n}\n",
			want:   []string{"Invalid base_url", "clear text"},
		},
		"password in base_url": {
			config: `provider "eightxeight" {` + "\n api_key = \"k\"\n base_url = \"https://user:s3cret@chatapps.8x8.com\"\n}\n",
			want:   []string{"Invalid base_url", `"https://***@chatapps.8x8.com" must not hold a user name or password: the API key is the only credential sent`},
		},
		"not a URL": {
			config: `provider "eightxeight" {` + "\n api_key = \"k\"\n base_url = \"chatapps.8x8.com\"\n}\n",
			want:   []string{"Invalid base_url", "must start with https://"},
		},
		"bad timeout": {
			config: providerConfig(url, `request_timeout = "ten seconds"`),
			want:   []string{"request_timeout", "not a duration"},
		},
		"timeout of hours": {
			config: providerConfig(url, `request_timeout = "2h"`),
			want: []string{"Invalid request_timeout", `"2h" is more than 10m, the most request_timeout may be: a read makes up to max_retries + 1 ` +
				`attempts, each bounded by request_timeout, so a longer bound could hold a pipeline for hours`},
		},
		"zero timeout": {
			config: providerConfig(url, `request_timeout = "0s"`),
			want:   []string{"request_timeout", "longer than zero"},
		},
		"too many retries": {
			config: providerConfig(url, `max_retries = 99`),
			want:   []string{"max_retries", "between 0 and 10"},
		},
		"bad region in environment": {
			env:    testEnv{EnvRegion: "mars", EnvAPIKey: "k"},
			config: `provider "eightxeight" {}` + "\n",
			want:   []string{"Invalid region", EnvRegion, "asia-pacific, europe, indonesia, north-america"},
		},
	} {
		t.Run(name, func(t *testing.T) {
			unitTest(t, tc.env, resource.TestStep{Config: tc.config + data, ExpectError: errorRe(tc.want...)})
		})
	}
}

// A provider setting that is unknown at plan time gets a clear error, not
// a request with an empty key.
func TestProvider_unknownConfiguration(t *testing.T) {
	emu, url := startEmulator(t)
	t.Cleanup(func() {
		if n := emu.RequestCount(); n != 0 {
			t.Errorf("no request may be made with an unknown key; saw %d", n)
		}
	})
	unitTest(t, nil, resource.TestStep{
		Config: fmt.Sprintf(`
resource "terraform_data" "key" {
  input = %q
}
provider "eightxeight" {
  base_url = %q
  api_key  = terraform_data.key.output
}
`, emulator.DefaultAPIKey, url) + webhooksConfig(emulator.DefaultAccountID),
		ExpectError: errorRe("Provider configuration not known yet", "api_key", "-target"),
	})
}

func TestProxyFromEnv(t *testing.T) {
	for name, tc := range map[string]struct {
		env    testEnv
		target string
		want   string
	}{
		"https proxy":          {testEnv{"HTTPS_PROXY": "http://proxy.corp:3128"}, "https://chatapps.8x8.uk/x", "http://proxy.corp:3128"},
		"lower case":           {testEnv{"https_proxy": "http://proxy.corp:3128"}, "https://chatapps.8x8.uk/x", "http://proxy.corp:3128"},
		"no_proxy exempts":     {testEnv{"HTTPS_PROXY": "http://proxy.corp:3128", "NO_PROXY": ".8x8.uk"}, "https://chatapps.8x8.uk/x", ""},
		"no_proxy other host":  {testEnv{"HTTPS_PROXY": "http://proxy.corp:3128", "NO_PROXY": ".8x8.uk"}, "https://chatapps.8x8.com/x", "http://proxy.corp:3128"},
		"http proxy for https": {testEnv{"HTTP_PROXY": "http://proxy.corp:3128"}, "https://chatapps.8x8.com/x", ""},
		"none":                 {testEnv{}, "https://chatapps.8x8.com/x", ""},
	} {
		target, _ := url.Parse(tc.target)
		got, err := proxyFromEnv(tc.env.get)(target)
		if err != nil || (got == nil) != (tc.want == "") || (got != nil && got.String() != tc.want) {
			t.Errorf("%s: got %v, %v; want %q", name, got, err, tc.want)
		}
	}
}

// A bad CA bundle from the environment names the variable.
func TestProvider_badCABundleFromEnvironment(t *testing.T) {
	_, url := startEmulator(t)
	unitTest(t, testEnv{EnvCACertFile: "/nonexistent/bundle.pem"}, resource.TestStep{
		Config:      providerConfig(url) + webhooksConfig(emulator.DefaultAccountID),
		ExpectError: errorRe("Invalid ca_cert_file", "From the environment variable "+EnvCACertFile, "reading the CA bundle"),
	})
}

// An api_key with white space (file("key") keeps the file's line break) is
// refused at configure time, naming the likely cause, without repeating the
// key, and no request is made.
func TestProvider_apiKeyWithWhiteSpace(t *testing.T) {
	emu, url := startEmulator(t)
	t.Cleanup(func() {
		if n := emu.RequestCount(); n != 0 {
			t.Errorf("%d requests with a key that cannot work", n)
		}
	})
	keyFile := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(keyFile, []byte(emulator.DefaultAPIKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	unitTest(t, testEnv{EnvAPIKey: "emulator demo key"},
		resource.TestStep{
			Config: fmt.Sprintf("provider \"eightxeight\" {\n  base_url = %q\n  api_key = file(%q)\n}\n", url, keyFile) +
				webhooksConfig(emulator.DefaultAccountID),
			ExpectError: errorRe("Invalid api_key", "The API key holds a line break (U+000A) at byte 27 of 27; API keys hold only "+
				"printable ASCII characters, no white space, so no request with it can succeed. A key read from a file usually "+
				`ends with a line break: write api_key = trimspace(file("..."))`),
		},
		resource.TestStep{
			Config: fmt.Sprintf("provider \"eightxeight\" {\n  base_url = %q\n}\n", url) + webhooksConfig(emulator.DefaultAccountID),
			ExpectError: errorRe("Invalid api_key", "From the environment variable "+EnvAPIKey+": The API key holds a space (U+0020) "+
				"at byte 9 of 17; API keys hold only printable ASCII characters, no white space, so no request with it can succeed."),
		})
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
		"block base_url, env region": {block("base_url"), testEnv{EnvRegion: "europe"}, "https://gateway.example/8x8",
			"[base_url] EIGHTXEIGHT_REGION ignored: base_url is set in the provider block, and a value in the provider block wins over " +
				"the environment: the provider calls https://gateway.example/8x8, not the europe region. Unset EIGHTXEIGHT_REGION, " +
				"or set region in the provider block instead of base_url."},
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

// Through the CLI: region in the block takes the request to the region's
// host (here through an HTTPS proxy to a local emulator with 8x8's host
// names), whatever EIGHTXEIGHT_BASE_URL says.
func TestProvider_blockRegionBeatsEnvironmentBaseURL(t *testing.T) {
	_, srv, ca := emulatortest.NewTLSServer(t, "chatapps.us.8x8.com")
	proxy := &emulator.ConnectProxy{Target: srv.Listener.Addr().String()}
	psrv := httptest.NewServer(proxy)
	t.Cleanup(psrv.Close)
	envEmu, envURL := startEmulator(t)
	t.Cleanup(func() {
		got := proxy.Targets()
		if len(got) == 0 || slices.ContainsFunc(got, func(target string) bool { return target != "chatapps.us.8x8.com:443" }) {
			t.Errorf("tunnels %q; want chatapps.us.8x8.com:443 only", got)
		}
		if n := envEmu.RequestCount(); n != 0 {
			t.Errorf("EIGHTXEIGHT_BASE_URL received %d requests", n)
		}
	})
	unitTest(t, testEnv{"HTTPS_PROXY": psrv.URL, EnvBaseURL: envURL},
		resource.TestStep{
			Config: fmt.Sprintf("provider \"eightxeight\" {\n api_key = %q\n region = \"north-america\"\n ca_cert_file = %q\n}\n",
				emulator.DefaultAPIKey, ca) + webhooksConfig(emulator.DefaultAccountID),
			ConfigStateChecks: readsFourWebhooks,
		})
}

// What a user sees: the warning when the block and the environment name
// the URL in two ways.
func TestProvider_regionAndBaseURLWarning(t *testing.T) {
	_, url, h := realCLI(t)
	config := requiredProviders + fmt.Sprintf("provider \"eightxeight\" {\n  base_url = %q\n}\n", url) + webhooksConfig(emulator.DefaultAccountID)
	work, err := h.Workspace("", map[string]string{"main.tf": config})
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err := h.Run(work, h.Env("EIGHTXEIGHT_API_KEY="+emulator.DefaultAPIKey, "EIGHTXEIGHT_REGION=europe"), "plan", "-input=false", "-no-color")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	want := errorRe("Warning: EIGHTXEIGHT_REGION ignored", `base_url = "`+url+`"`, "base_url is set in the provider block, and a "+
		"value in the provider block wins over the environment: the provider calls "+url+", not the europe region. Unset "+
		"EIGHTXEIGHT_REGION, or set region in the provider block instead of base_url.")
	if !want.MatchString(string(stdout)) {
		t.Errorf("the output does not match %s:\n%s", want, stdout)
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
