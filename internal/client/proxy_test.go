package client

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client/baseurltest"
)

type env map[string]string

func (e env) get(name string) string { return e[name] }

// The proxy for a URL, as Go and curl pick it: HTTPS_PROXY (or
// https_proxy) for https URLs, unless NO_PROXY exempts the host; never
// HTTP_PROXY, never for a loopback host.
func TestEnvProxy_selection(t *testing.T) {
	for name, tc := range map[string]struct {
		env     env
		target  string
		want    string
		wantVar string
	}{
		"https proxy":          {env{"HTTPS_PROXY": "http://proxy.corp:3128"}, "https://chatapps.8x8.uk/x", "http://proxy.corp:3128", "HTTPS_PROXY"},
		"lower case":           {env{"https_proxy": "http://proxy.corp:3128"}, "https://chatapps.8x8.uk/x", "http://proxy.corp:3128", "https_proxy"},
		"upper case first":     {env{"HTTPS_PROXY": "http://a:1", "https_proxy": "http://b:2"}, "https://chatapps.8x8.uk/x", "http://a:1", "HTTPS_PROXY"},
		"no scheme":            {env{"HTTPS_PROXY": "proxy.corp:3128"}, "https://chatapps.8x8.uk/x", "http://proxy.corp:3128", "HTTPS_PROXY"},
		"no_proxy exempts":     {env{"HTTPS_PROXY": "http://proxy.corp:3128", "NO_PROXY": ".8x8.uk"}, "https://chatapps.8x8.uk/x", "", "HTTPS_PROXY"},
		"no_proxy other host":  {env{"HTTPS_PROXY": "http://proxy.corp:3128", "no_proxy": ".8x8.uk"}, "https://chatapps.8x8.com/x", "http://proxy.corp:3128", "HTTPS_PROXY"},
		"loopback":             {env{"HTTPS_PROXY": "http://proxy.corp:3128"}, "https://127.0.0.1:8443/x", "", "HTTPS_PROXY"},
		"plain http":           {env{"HTTPS_PROXY": "http://proxy.corp:3128", "HTTP_PROXY": "http://proxy.corp:3128"}, "http://localhost:8080/x", "", "HTTPS_PROXY"},
		"http proxy for https": {env{"HTTP_PROXY": "http://proxy.corp:3128"}, "https://chatapps.8x8.com/x", "", ""},
		"none":                 {env{}, "https://chatapps.8x8.com/x", "", ""},
	} {
		target, _ := url.Parse(tc.target)
		p := newEnvProxy(tc.env.get)
		got, err := p.proxyFor(target)
		if err != nil || (got == nil) != (tc.want == "") || (got != nil && got.String() != tc.want) || p.name != tc.wantVar {
			t.Errorf("%s: got %v, %v from %q; want %q from %q", name, got, err, p.name, tc.want, tc.wantVar)
		}
	}
}

// A proxy variable that is not a usable proxy URL fails New, naming the
// variable and what is wrong, never the password: Go's transport ignores
// such a value and sends the request direct, bypassing the proxy. It is
// read from the process environment, as New does without Config.Getenv.
func TestNew_malformedHTTPSProxyRefused(t *testing.T) {
	for _, tc := range []struct{ name, value, want string }{
		{"HTTPS_PROXY", "http://[bad", `the environment variable HTTPS_PROXY ("http://[bad") is not a usable proxy URL: missing ']' in host; no request was sent`},
		{"HTTPS_PROXY", "::::", `the environment variable HTTPS_PROXY (4 characters) is not a usable proxy URL: the port after the host is not a number ` +
			`from 1 to 65535 (a user name and password go before the host, with an @: http://user:password@host:port);`},
		{"HTTPS_PROXY", "alice:s3cret", `the environment variable HTTPS_PROXY (12 characters) is not a usable proxy URL: the port after the host is not`},
		{"HTTPS_PROXY", "S3cr!tPw", `HTTPS_PROXY (8 characters) is not a usable proxy URL: it names no host that is a host name or an IP address;`},
		{"HTTPS_PROXY", "S3cr3tPw\n", `HTTPS_PROXY (9 characters) is not a usable proxy URL: it holds a control character (U+000A) at byte 9;`},
		{"HTTPS_PROXY", "http://alice:s3cret", `HTTPS_PROXY ("http://alice:***") is not a usable proxy URL: the port after the host is not a number`},
		{"HTTPS_PROXY", "http://[alice:s3cret]:3128", `HTTPS_PROXY ("http://[***]:3128") is not a usable proxy URL: the host in brackets is not an IPv6 address;`},
		{"HTTPS_PROXY", "http://proxy.corp:3128/%s3", `HTTPS_PROXY ("http://proxy.corp:3128/%s3") is not a usable proxy URL: a percent sign that does not start an escape such as %2F;`},
		{"https_proxy", "http://proxy.corp:3128\n", `the environment variable https_proxy ("http://proxy.corp:3128\n") is not a usable proxy URL: it holds a control character (U+000A) at byte 23;`},
		{"HTTPS_PROXY", "http://alice:s3cr\x01t@proxy.corp:3128", `HTTPS_PROXY ("http://***@proxy.corp:3128") is not a usable proxy URL: it holds a control character (U+0001) at byte 18;`},
		{"HTTPS_PROXY", "http://alice:s3cr/et@proxy.corp:3128", `HTTPS_PROXY ("http://***@proxy.corp:3128") is not a usable proxy URL: the user name or password before the @ holds a character that must be percent-encoded there (% as %25, / as %2F, ? as %3F, # as %23, @ as %40);`},
		{"HTTPS_PROXY", "alice:s3cr%et@proxy.corp:3128", `HTTPS_PROXY ("***@proxy.corp:3128") is not a usable proxy URL: the user name or password before the @`},
		{"HTTPS_PROXY", "http://alice:s3cret@[bad", `HTTPS_PROXY ("http://***@[bad") is not a usable proxy URL: missing ']' in host;`},
		{"HTTPS_PROXY", "ftp://proxy.corp:21", `HTTPS_PROXY ("ftp://proxy.corp:21") is not a usable proxy URL: the scheme "ftp" is not a proxy's: use http:// (or https://, socks5://);`},
		{"HTTPS_PROXY", "http://", `HTTPS_PROXY ("http://") is not a usable proxy URL: it names no host;`},
		{"HTTPS_PROXY", "http://pro!xy:3128", `HTTPS_PROXY ("http://pro!xy:3128") is not a usable proxy URL: "pro!xy" is neither a host name nor an IP address;`},
		{"HTTPS_PROXY", "http://proxy.corp:99999", `HTTPS_PROXY ("http://proxy.corp:99999") is not a usable proxy URL: the port "99999" is not a number from 1 to 65535;`},
	} {
		for _, name := range []string{"HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy"} {
			t.Setenv(name, "")
		}
		t.Setenv(tc.name, tc.value)
		_, err := New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: testKey})
		var pe *ProxyEnvError
		if !errors.As(err, &pe) || pe.Var != tc.name || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s=%q:\ngot  %v\nwant …%s…", tc.name, tc.value, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "s3cr") {
			t.Errorf("%s=%q: the error holds the password: %v", tc.name, tc.value, err)
		}
	}
}

// A malformed proxy variable is no error for a URL no proxy would be used
// for: a plain-http or loopback base URL, a host NO_PROXY exempts.
func TestNew_malformedHTTPSProxyUnusedForBaseURL(t *testing.T) {
	for base, e := range map[string]env{
		"http://127.0.0.1:18088":   {"HTTPS_PROXY": "http://[bad"},
		"https://localhost:8443":   {"HTTPS_PROXY": "http://[bad"},
		"https://chatapps.8x8.com": {"HTTPS_PROXY": "http://[bad", "NO_PROXY": "8x8.com"},
	} {
		if _, err := New(Config{BaseURL: base, APIKey: testKey, Getenv: e.get}); err != nil {
			t.Errorf("%s with %v: %v", base, e, err)
		}
	}
}

// No spelling of a proxy value with a password, however malformed, gets an
// error that shows any part of it: the proxy's value is masked as a base
// URL is, by the same function.
func TestParseProxyURL_malformedNeverEchoesPassword(t *testing.T) {
	const pwA, pwB = "Zq8kS3cr", "Xv4tPw77"
	for _, value := range append(baseurltest.MalformedUserInfo(pwA, pwB), "alice:"+pwA+pwB, "http://alice:"+pwA+pwB, "[alice:"+pwA+pwB+"]:3128") {
		_, err := parseProxyURL("HTTPS_PROXY", value)
		if err == nil {
			continue // a usable proxy URL, credentials included
		}
		if frag := baseurltest.LeakedFragment(err.Error(), pwA, pwB); frag != "" {
			t.Errorf("%q: the error shows %q of the password: %v", value, frag, err)
		}
	}
}
