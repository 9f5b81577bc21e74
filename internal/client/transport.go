package client

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/net/http/httpproxy"
)

// newTransport clones Go's default transport (HTTP/2, dial and idle
// timeouts) so that nothing is shared with other code in the process, and
// sets this client's TLS and proxy policy on it.
func newTransport(cfg Config) (*http.Transport, error) {
	base, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return nil, errors.New("http.DefaultTransport has been replaced by another type; cannot clone it")
	}
	t := base.Clone()
	roots, err := rootCAs(cfg.CACertFile)
	if err != nil {
		return nil, err
	}
	// Verification is always on; 8x8 asks for TLS 1.3 and Go offers it
	// first, but 1.2 is the floor a TLS-intercepting proxy may need.
	t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: roots}
	proxy := cfg.Proxy
	if proxy == nil {
		proxy = httpproxy.FromEnvironment().ProxyFunc()
	}
	t.Proxy = func(r *http.Request) (*url.URL, error) { return proxy(r.URL) }
	return t, nil
}

// maxRedirects bounds redirect chains on the configured host.
const maxRedirects = 5

// checkRedirect follows a redirect only to the host the request was made
// to, and never from https to http: the API key must not reach another host
// or travel in clear text.
func checkRedirect(req *http.Request, via []*http.Request) error {
	first := via[0].URL
	from, to := first.Scheme+"://"+first.Host, req.URL.Scheme+"://"+req.URL.Host
	switch {
	case !strings.EqualFold(first.Host, req.URL.Host):
		return &RedirectError{From: from, To: to, Reason: "the API key is only ever sent to the configured host"}
	case first.Scheme == "https" && req.URL.Scheme != "https":
		return &RedirectError{From: from, To: to, Reason: "it would downgrade https to " + req.URL.Scheme}
	case len(via) >= maxRedirects:
		return &RedirectError{From: from, To: to, Reason: fmt.Sprintf("more than %d redirects", maxRedirects)}
	}
	return nil
}
