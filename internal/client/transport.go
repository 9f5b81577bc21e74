package client

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"
)

// newTransport clones Go's default transport (HTTP/2, dial and idle
// timeouts) so that nothing is shared with other code in the process, and
// sets this client's TLS and proxy policy on it: only https requests go
// through a proxy, and a plain-http base URL (allowed for loopback hosts
// only) connects only to loopback addresses, whatever its host name
// resolves to, so the key never crosses a network in clear text.
func (c *Client) newTransport(base *url.URL) (*http.Transport, error) {
	cfg := c.cfg
	def, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return nil, errors.New("http.DefaultTransport has been replaced by another type; cannot clone it")
	}
	t := def.Clone()
	// One connection a request: a read is one request (and its retries), so
	// reuse saves nothing, and an idle connection the server writes more on
	// makes net/http log those bytes, raw, through Go's standard logger,
	// which reaches Terraform's log past every mask.
	t.DisableKeepAlives = true
	roots, err := rootCAs(cfg.CACertFile)
	if err != nil {
		return nil, err
	}
	// Verification is always on; 8x8 asks for TLS 1.3 and Go offers it
	// first, but 1.2 is the floor a TLS-intercepting proxy may need.
	t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: roots}
	proxy := cfg.Proxy
	if proxy == nil {
		getenv := cfg.Getenv
		if getenv == nil {
			getenv = os.Getenv
		}
		env := newEnvProxy(getenv)
		proxy, c.proxyVar = env.proxyFor, env.name
	}
	c.proxy = func(u *url.URL) (*url.URL, error) {
		if u.Scheme != "https" {
			return nil, nil
		}
		return proxy(u)
	}
	// A proxy variable that cannot be used for this URL fails here, before
	// any request: Go's transport would send the request direct.
	if _, err := c.proxy(base); err != nil {
		return nil, err
	}
	t.Proxy = func(r *http.Request) (*url.URL, error) { return c.proxy(r.URL) }
	// A proxy that will not open the tunnel says why in its status.
	t.OnProxyConnectResponse = func(_ context.Context, proxyURL *url.URL, req *http.Request, res *http.Response) error {
		if res.StatusCode == http.StatusOK {
			return nil
		}
		return &ProxyError{Proxy: proxyURL.Scheme + "://" + proxyURL.Host, Target: req.Host, StatusCode: res.StatusCode,
			Status: c.text(res.Status, maxTextRunes)}
	}
	// 8x8's headers take a few hundred bytes; Go's default allows 10 MB.
	t.MaxResponseHeaderBytes = maxResponseHeaderBytes
	if base.Scheme == "http" {
		// The values of Go's default transport, plus the loopback check.
		dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Control: loopbackOnly}
		t.DialContext = dialer.DialContext
	}
	return t, nil
}

// maxResponseHeaderBytes bounds the headers of an answer.
const maxResponseHeaderBytes = 1 << 20

// loopbackOnly refuses a connection to an address that is not loopback. It
// runs before the connection is made.
func loopbackOnly(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		return &NotLoopbackError{Address: address}
	}
	return nil
}

// maxRedirects bounds redirect chains on the configured host.
const maxRedirects = 5

// checkRedirect follows a redirect only to the host the request was made
// to, and never from https to http (the target, server text, is made safe): the API key must not reach another host
// or travel in clear text.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	first := via[0].URL
	from, to := first.Scheme+"://"+first.Host, c.text(req.URL.Scheme+"://"+req.URL.Host, maxTextRunes)
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
