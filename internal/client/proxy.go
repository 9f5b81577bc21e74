package client

import (
	"fmt"
	"net"
	"net/url"
	"strings"

	"golang.org/x/net/http/httpproxy"
)

// envProxy is the proxy policy of an environment, the way Go and curl read
// it: HTTPS_PROXY (or https_proxy) for https URLs, except for loopback hosts
// and the hosts NO_PROXY (or no_proxy) exempts. HTTP_PROXY is not read: a
// plain-http base URL never goes through a proxy.
//
// Go's own reader ignores a value it cannot parse, so a request meant for
// the proxy would go direct; here such a value is an error (*ProxyEnvError)
// for every URL the proxy would have been used for.
type envProxy struct {
	name    string                           // the variable read: HTTPS_PROXY or https_proxy ("" when neither is set)
	proxy   *url.URL                         // the proxy, when the value is usable
	err     error                            // why it is not
	applies func(*url.URL) (*url.URL, error) // non-nil result: a proxy is used for the URL
}

func newEnvProxy(getenv func(string) string) *envProxy {
	p := &envProxy{}
	value := ""
	for _, name := range []string{"HTTPS_PROXY", "https_proxy"} {
		if value = getenv(name); value != "" {
			p.name = name
			break
		}
	}
	noProxy := getenv("NO_PROXY")
	if noProxy == "" {
		noProxy = getenv("no_proxy")
	}
	if value != "" {
		p.proxy, p.err = parseProxyURL(p.name, value)
		// Which URLs the proxy is for does not depend on its value: ask Go
		// with a stand-in, so that NO_PROXY and loopback hosts are judged
		// exactly as Go judges them.
		value = "http://proxy.invalid"
	}
	p.applies = (&httpproxy.Config{HTTPSProxy: value, NoProxy: noProxy}).ProxyFunc()
	return p
}

// proxyFor is the proxy for u: nil for a URL no proxy is used for, an
// error when one would be and the variable is not a usable proxy URL.
func (p *envProxy) proxyFor(u *url.URL) (*url.URL, error) {
	if u.Scheme != "https" {
		return nil, nil
	}
	if stand, err := p.applies(u); err != nil || stand == nil {
		return nil, err
	}
	if p.err != nil {
		return nil, p.err
	}
	return p.proxy, nil
}

// ProxyEnvError is a proxy variable (HTTPS_PROXY) that does not hold a
// usable proxy URL. Value is the variable's value as shownURL shows it:
// quoted with any user name and password masked, or its length only when
// it is not plausibly a URL; Problem says what is wrong with it.
type ProxyEnvError struct {
	Var     string
	Value   string
	Problem string
}

func (e *ProxyEnvError) Error() string {
	return fmt.Sprintf("the environment variable %s (%s) is not a usable proxy URL: %s; no request was sent, so that none bypasses "+
		"the proxy: set %s to the proxy's URL, such as http://proxy.example:3128 (with user:password@ before the host if the proxy "+
		"wants credentials), or unset it (or list the host in NO_PROXY) to connect directly", e.Var, e.Value, e.Problem, e.Var)
}

// proxySchemes are the proxy schemes Go's transport speaks.
var proxySchemes = map[string]bool{"http": true, "https": true, "socks5": true, "socks5h": true}

// parseProxyURL reads a proxy variable as Go does (a value without a scheme
// is taken as http://value), and fails where Go would silently go direct
// or fail each request: an unparsable value, an unknown scheme, no host, a
// port that is not one. No error repeats a user name or password.
func parseProxyURL(name, value string) (*url.URL, error) {
	shown, plausible := shownURL(value), plausibleURL(value)
	fail := func(format string, args ...any) error {
		return &ProxyEnvError{Var: name, Value: shown, Problem: fmt.Sprintf(format, args...)}
	}
	for i, r := range value {
		switch {
		case r == ' ':
			return nil, fail("it holds a space at byte %d", i+1)
		case r < ' ' || r == 0x7f:
			return nil, fail("it holds a control character (%U) at byte %d", r, i+1)
		}
	}
	if !strings.Contains(value, "://") {
		// As Go reads it: host:port, or user:password@host:port, without a
		// scheme. (Go also retries a value with a scheme that does not
		// parse, which turns "http://" into a proxy named "http".)
		value = "http://" + value
	}
	u, err := url.Parse(value)
	if strings.Contains(value, "@") && (err != nil || u.User == nil) {
		// url.Parse's error may quote a piece of the password: say what is
		// wrong with the value without it.
		if _, err = url.Parse(maskUserInfo(value)); err == nil {
			return nil, fail("the user name or password before the @ holds a character that must be percent-encoded there " +
				"(%% as %%25, / as %%2F, ? as %%3F, # as %%23, @ as %%40)")
		}
	}
	if err != nil {
		problem, badPort := parseProblem(err)
		if badPort {
			problem = "the port after the host is not a number from 1 to 65535 (a user name and password go before the host, " +
				"with an @: http://user:password@host:port)"
		}
		return nil, fail("%s", problem)
	}
	host, port := u.Hostname(), u.Port()
	switch {
	case !proxySchemes[strings.ToLower(u.Scheme)]:
		return nil, fail("the scheme %q is not a proxy's: use http:// (or https://, socks5://)", u.Scheme)
	case host == "":
		return nil, fail("it names no host")
	case net.ParseIP(host) == nil && !hostName(host) && plausible:
		return nil, fail("%q is neither a host name nor an IP address", host)
	case net.ParseIP(host) == nil && !hostName(host):
		return nil, fail("it names no host that is a host name or an IP address")
	case port != "" && !validPort(port):
		return nil, fail("the port %q is not a number from 1 to 65535", port)
	}
	return u, nil
}

// hostName reports whether s is made of the characters of DNS host names
// (underscores included, which some internal names have).
func hostName(s string) bool {
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.', r == '_':
		default:
			return false
		}
	}
	return s != ""
}
