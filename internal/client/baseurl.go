package client

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// apiPath is where the versioned API lives below a base URL.
const apiPath = "/api/v1"

// ParseBaseURL checks that raw is an absolute http(s) URL with a host, and
// that it is https unless the host is a loopback address: the API key must
// never travel in clear text over a network. A path is a prefix kept in
// front of /api/v1 (a gateway's, say); /api/v1 at its end is recognized and
// dropped, so it is never doubled. User info, a query and a fragment are
// refused, and no error repeats user info. The host is lower-cased.
func ParseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		if strings.Contains(raw, "@") { // url.Parse's text may quote a password cut at a '#', '/' or '?'
			return nil, errors.New("not a valid URL, and it holds an @: if that is a user name or password, remove it: the API key is the only credential sent")
		}
		var ue *url.Error // its text repeats the whole URL
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("not a valid URL: %w", err)
	}
	shown := strconv.Quote(displayURL(u))
	switch {
	case u.Scheme != "https" && u.Scheme != "http":
		return nil, fmt.Errorf("%s must start with https://", shown)
	case u.User != nil:
		return nil, fmt.Errorf("%s must not hold a user name or password: the API key is the only credential sent", shown)
	case u.Host == "" || u.Hostname() == "":
		return nil, fmt.Errorf("%s has no host", shown)
	case strings.HasSuffix(u.Host, ":") || (u.Port() != "" && !validPort(u.Port())):
		return nil, fmt.Errorf("%s has no valid port: a port is a number from 1 to 65535", shown)
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(raw, "#"):
		return nil, fmt.Errorf("%s must be a scheme, host and optional path only (no query or fragment)", shown)
	case u.Scheme == "http" && !IsLoopback(u.Hostname()):
		return nil, fmt.Errorf("%s uses http://, which would send the API key in clear text; use https:// (http:// is allowed only for loopback hosts such as 127.0.0.1 or localhost)", shown)
	}
	u.Host = strings.ToLower(u.Host)
	prefix := strings.TrimRight(u.EscapedPath(), "/")
	prefix = strings.TrimRight(strings.TrimSuffix(prefix, apiPath), "/")
	if u.Path, err = url.PathUnescape(prefix); err != nil {
		return nil, fmt.Errorf("%s has an invalid path: %w", shown, err)
	}
	u.RawPath = prefix
	return u, nil
}

func validPort(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && n >= 1 && n <= 65535
}

// displayURL is u for a message: user info masked, query and fragment left
// out.
func displayURL(u *url.URL) string {
	v := *u
	v.User, v.RawQuery, v.ForceQuery, v.Fragment, v.RawFragment = nil, "", false, "", ""
	s := v.String()
	if u.User != nil {
		s = u.Scheme + "://***@" + strings.TrimPrefix(strings.TrimPrefix(s, u.Scheme+":"), "//")
	}
	return s
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

// CheckAccountID fails when id is not an 8x8 account id.
func CheckAccountID(id string) error {
	if len(id) < 32 || len(id) > 36 || !AccountIDPattern.MatchString(id) {
		return fmt.Errorf("%s is not an 8x8 account id (a UUID: 32 hexadecimal digits, dashes optional)", strconv.Quote(truncate(id, 64)))
	}
	return nil
}

// webhooksURL is the list endpoint of one (checked) account: the base URL's
// path prefix, then /api/v1/accounts/{id}/webhooks, escaped once.
func (c *Client) webhooksURL(accountID string) *url.URL {
	u := *c.base
	rest := apiPath + "/accounts/%s/webhooks"
	u.Path = c.base.Path + fmt.Sprintf(rest, accountID)
	u.RawPath = c.base.EscapedPath() + fmt.Sprintf(rest, url.PathEscape(accountID))
	return &u
}
