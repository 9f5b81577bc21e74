package client

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
)

// ParseBaseURL checks that raw is an absolute http(s) URL with a host and no
// query, and that it is https unless the host is a loopback address: the API
// key must never travel in clear text over a network.
func ParseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("not a valid URL: %w", err)
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, fmt.Errorf("%q must start with https://", raw)
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("%q has no host", raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%q must be a scheme, host and optional path only (no user info, query or fragment)", raw)
	}
	if u.Scheme == "http" && !IsLoopback(u.Hostname()) {
		return nil, fmt.Errorf("%q uses http://, which would send the API key in clear text; use https:// (http:// is allowed only for loopback hosts such as 127.0.0.1 or localhost)", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u, nil
}

// IsLoopback reports whether host names this machine: localhost, 127.0.0.0/8
// or ::1.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// AccountIDPattern is the accountId pattern of 8x8's OpenAPI description
// (with a length of 32 to 36 characters).
var AccountIDPattern = regexp.MustCompile(`^[0-9A-Fa-f]{8}[-]?(?:[0-9A-Fa-f]{4}[-]?){3}[0-9A-Fa-f]{12}$`)

// webhooksPath is the list endpoint for one account.
func webhooksPath(accountID string) string {
	return "/api/v1/accounts/" + url.PathEscape(accountID) + "/webhooks"
}
