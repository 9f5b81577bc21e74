package provider

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client/baseurltest"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator/emulatortest"
)

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
			TypeName: func() (tfprotov6.ProviderServer, error) { return newServer(New("test", nil)), nil },
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
		"empty api_key with the variable set": {
			env:    testEnv{EnvAPIKey: emulator.DefaultAPIKey},
			config: fmt.Sprintf("provider \"eightxeight\" {\n base_url = %q\n api_key = \"\"\n}\n", url),
			want:   []string{"Empty api_key", `api_key is set to "" in the provider block. An empty api_key does not fall back to ` + EnvAPIKey},
		},
		"region in config": {
			config: `provider "eightxeight" {` + "\n api_key = \"k\"\n region = \"Europa\"\n}\n",
			want:   []string{"Invalid region", `"Europa" is not an 8x8 region; did you mean "europe"? Use one of: asia-pacific, europe, indonesia, north-america.`},
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
			want: []string{"Invalid base_url", `"https://***@chatapps.8x8.com" must not hold a user name or password (nor any @): ` +
				`the API key is the only credential sent; write "https://chatapps.8x8.com"`},
		},
		"not a URL": {
			config: `provider "eightxeight" {` + "\n api_key = \"k\"\n base_url = \"chatapps.8x8.com\"\n}\n",
			want:   []string{"Invalid base_url", `"chatapps.8x8.com" must start with https://; write "https://chatapps.8x8.com"`},
		},
		"loopback host and port": {
			config: `provider "eightxeight" {` + "\n api_key = \"k\"\n base_url = \"127.0.0.1:18089\"\n}\n",
			want: []string{"Invalid base_url", `"127.0.0.1:18089" must start with http:// or https://; write "http://127.0.0.1:18089" ` +
				`(plain http:// is allowed for loopback hosts only)`},
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

// A bad CA bundle from the environment names the variable.
func TestProvider_badCABundleFromEnvironment(t *testing.T) {
	_, url := startEmulator(t)
	unitTest(t, testEnv{EnvCACertFile: "/nonexistent/bundle.pem"}, resource.TestStep{
		Config:      providerConfig(url) + webhooksConfig(emulator.DefaultAccountID),
		ExpectError: errorRe("Invalid ca_cert_file", "From the environment variable "+EnvCACertFile, `unusable CA bundle: "/nonexistent/bundle.pem" names no file`),
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
			ExpectError: errorRe("Invalid api_key", fmt.Sprintf("The API key holds a line break (U+000A) at byte %[1]d of %[1]d; API keys hold only ", len(emulator.DefaultAPIKey)+1)+
				"printable ASCII characters, no white space, so no request with it can succeed. A key read from a file usually "+
				`ends with a line break: write api_key = trimspace(file("..."))`),
		},
		resource.TestStep{
			Config: fmt.Sprintf("provider \"eightxeight\" {\n  base_url = %q\n}\n", url) + webhooksConfig(emulator.DefaultAccountID),
			ExpectError: errorRe("Invalid api_key", "From the environment variable "+EnvAPIKey+": The API key holds a space (U+0020) "+
				"at byte 9 of 17; API keys hold only printable ASCII characters, no white space, so no request with it can succeed."),
		})
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

// What a user sees of a malformed base_url with a password, through the
// CLI, from a sensitive variable and from EIGHTXEIGHT_BASE_URL: the URL
// with the user info masked, and what to write; never the password.
func TestProvider_baseURLPasswordNeverShown(t *testing.T) {
	_, _, h := realCLI(t)
	const pwA, pwB = "Zq8kS3cr", "Xv4tPw77"
	raw := "https:/alice:" + pwA + pwB + "@gw.example/8x8"
	const masked = `"https:/***@gw.example/8x8" must not hold a user name or password (nor any @): the API key is the only ` +
		`credential sent; write "https://gw.example/8x8"`
	for name, tc := range map[string]struct {
		provider string
		env      string
		want     string
	}{
		"sensitive variable": {
			provider: "variable \"url\" {\n  type      = string\n  sensitive = true\n}\nprovider \"eightxeight\" {\n  base_url = var.url\n}\n",
			env:      "TF_VAR_url=" + raw,
			want:     masked,
		},
		"environment": {
			provider: "provider \"eightxeight\" {}\n",
			env:      EnvBaseURL + "=" + raw,
			want:     "From the environment variable " + EnvBaseURL + ": " + masked,
		},
	} {
		work, err := h.Workspace("", map[string]string{"main.tf": requiredProviders + tc.provider + webhooksConfig(emulator.DefaultAccountID)})
		if err != nil {
			t.Fatal(err)
		}
		stdout, stderr, err := h.Run(work, h.Env(EnvAPIKey+"="+emulator.DefaultAPIKey, tc.env), "plan", "-input=false", "-no-color")
		out := string(stdout) + string(stderr)
		if err == nil || !errorRe("Invalid base_url", tc.want).MatchString(out) {
			t.Errorf("%s: %v; the output does not say %s:\n%s", name, err, tc.want, out)
		}
		if frag := baseurltest.LeakedFragment(strings.ReplaceAll(out, "\n", ""), pwA, pwB); frag != "" {
			t.Errorf("%s: the output shows %q of the password:\n%s", name, frag, out)
		}
	}
}

// What a user sees, through the CLI, of an API key (or a URL with a
// password) given to the wrong setting (base_url, region, ca_cert_file,
// account_id, key) from a sensitive variable, where Terraform hides the
// value in its own snippet, or from the environment: the provider's error
// names the mistake without showing the value.
func TestProvider_swappedSecretNeverShown(t *testing.T) {
	_, url, h := realCLI(t)
	const key, pw = "q7XkAbCdEfGhIjKlMnOpQrStUvWxsGa2", "Zq8kX3Pw"
	const hidden = "variable \"hidden\" {\n  type      = string\n  sensitive = true\n}\n"
	provider := func(attr string) string {
		return fmt.Sprintf("provider \"eightxeight\" {\n  %s = var.hidden\n}\n", attr)
	}
	for name, tc := range map[string]struct {
		config, env string
		want        []string
	}{
		"base_url": {hidden + provider("base_url") + webhooksConfig(emulator.DefaultAccountID), "TF_VAR_hidden=" + key,
			[]string{"Invalid base_url", "The value is not a URL (32 characters, no scheme, no host name)"}},
		"EIGHTXEIGHT_BASE_URL": {"provider \"eightxeight\" {}\n" + webhooksConfig(emulator.DefaultAccountID), EnvBaseURL + "=" + key,
			[]string{"Invalid base_url", "From the environment variable " + EnvBaseURL + ": The value is not a URL (32 characters"}},
		"region": {hidden + provider("region") + webhooksConfig(emulator.DefaultAccountID), "TF_VAR_hidden=https://admin:" + pw + "@gw.example",
			[]string{"Invalid region", `The value looks like a URL ("https://***@gw.example"), not a region name: set base_url instead of region`}},
		"EIGHTXEIGHT_REGION": {"provider \"eightxeight\" {}\n" + webhooksConfig(emulator.DefaultAccountID), EnvRegion + "=" + key,
			[]string{"Invalid region", "From the environment variable " + EnvRegion + ": The value (32 characters) is not an 8x8 region"}},
		"ca_cert_file": {hidden + providerConfig(url, "ca_cert_file = var.hidden") + webhooksConfig(emulator.DefaultAccountID), "TF_VAR_hidden=" + key,
			[]string{"Invalid ca_cert_file", "unusable CA bundle: the value (32 characters, not shown: it does not look like a file path) names no file"}},
		"EIGHTXEIGHT_CA_CERT_FILE": {providerConfig(url) + webhooksConfig(emulator.DefaultAccountID), EnvCACertFile + "=" + key,
			[]string{"Invalid ca_cert_file", "From the environment variable " + EnvCACertFile + ": unusable CA bundle: the value (32 characters, not shown"}},
		"account_id": {hidden + providerConfig(url) + "data \"eightxeight_webhooks\" \"test\" {\n  account_id = var.hidden\n}\n", "TF_VAR_hidden=" + key,
			[]string{"Invalid account_id", `The value is not an 8x8 account id: it has 32 characters, and its character 1, "q", cannot be in one`}},
		"key": {hidden + providerConfig(url) + fmt.Sprintf("data \"eightxeight_webhook\" \"test\" {\n  account_id = %q\n  key        = var.hidden\n}\n",
			emulator.DefaultAccountID), "TF_VAR_hidden=" + key[:7] + "/" + key[7:],
			[]string{"No such webhook", "has no webhook with the key given (33 characters, not shown"}},
	} {
		work, err := h.Workspace("", map[string]string{"main.tf": requiredProviders + tc.config})
		if err != nil {
			t.Fatal(err)
		}
		env := []string{tc.env}
		if !strings.Contains(tc.config, "api_key") {
			env = append(env, EnvAPIKey+"="+emulator.DefaultAPIKey)
		}
		stdout, stderr, err := h.Run(work, h.Env(env...), "plan", "-input=false", "-no-color")
		out := string(stdout) + string(stderr)
		if err == nil || !errorRe(tc.want...).MatchString(out) {
			t.Errorf("%s: %v; the output does not say %q:\n%s", name, err, tc.want, out)
		}
		if frag := baseurltest.LeakedFragment(strings.ReplaceAll(out, "\n", ""), key[1:], pw); frag != "" {
			t.Errorf("%s: the output shows %q of the secret:\n%s", name, frag, out)
		}
	}
}
