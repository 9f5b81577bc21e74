package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// addBug adds an error diagnostic for what only a bug in the provider (or
// in the protocol's other end) can cause, asking for a report.
func addBug(diags *diag.Diagnostics, summary, what string) {
	diags.AddError(summary, "This is a bug in the provider; please report it: "+what+".")
}

// addReadError turns an error from reading an account's webhooks into a
// diagnostic: a summary naming the call and status, a detail with what 8x8
// said, and a hint where one helps.
func addReadError(diags *diag.Diagnostics, accountID string, err error) {
	var apiErr *client.APIError
	var respErr *client.ResponseError
	var tErr *client.TransportError
	switch {
	case errors.As(err, &apiErr):
		diags.AddError(
			fmt.Sprintf("8x8 API error: %s returned HTTP %s%s", apiErr.Operation, apiErr.Status, afterAttempts(apiErr.Attempts)),
			apiErrorDetail(apiErr))
	case errors.As(err, &respErr):
		detail := fmt.Sprintf("The 8x8 API answered HTTP %s, but the body is not a list of webhooks: %s.", respErr.Status, respErr.Problem)
		if respErr.Excerpt != "" {
			detail += fmt.Sprintf("\n\nThe body starts (Content-Type: %s):\n%s", valueOr(respErr.ContentType, "none"), respErr.Excerpt)
		}
		detail += "\n\n" + responseHint(respErr)
		diags.AddError(fmt.Sprintf("Unusable response from %s", respErr.Operation), detail)
	case errors.As(err, &tErr):
		summary, detail := transportErrorText(tErr)
		diags.AddError(summary, detail+fmt.Sprintf("\n\nAttempts: %d\nError: %v", tErr.Attempts, tErr.Err))
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		// This data source stopped waiting for a read it shared with others.
		diags.AddError(fmt.Sprintf("8x8 API read canceled: account %s", accountID),
			"The read was canceled (for example by Ctrl-C) before the API answered.")
	default:
		diags.AddError(fmt.Sprintf("Reading the webhooks of account %s failed", accountID), err.Error())
	}
}

// notRetried ends the detail of a failure that no other attempt can mend.
const notRetried = " Not retried: another attempt cannot succeed."

// notRetriedRefused ends the detail of a connection this machine refused.
const notRetriedRefused = " Not retried: this machine answers at once, and nothing starts listening because a request waits " +
	"(a script that starts a server should wait until it is ready)."

// route is where a request went, so that a hint names only what applies
// to it: the proxy it went through, or this machine, or the network.
type route struct {
	proxy    string // "the proxy http://proxy.corp:3128 (from HTTPS_PROXY)"; "" when none was used
	proxyVar string // where the proxy is set: "HTTPS_PROXY", or "the proxy setting"
	local    bool   // the URL names this machine (no proxy is used for it)
}

func routeOf(operation, proxy, proxyVar string) route {
	if proxy != "" {
		r := route{proxy: "the proxy " + proxy, proxyVar: valueOr(proxyVar, "the proxy setting")}
		if proxyVar != "" {
			r.proxy += " (from " + proxyVar + ")"
		}
		return r
	}
	_, raw, _ := strings.Cut(operation, " ")
	u, err := url.Parse(raw)
	return route{local: err == nil && client.IsLoopback(u.Hostname())}
}

// transportErrorText is the summary and detail of a request that got no
// usable answer: what the failure means, and where to look. A hint names a
// proxy only when the request went through one, and names it.
func transportErrorText(e *client.TransportError) (summary, detail string) {
	op := e.Operation
	r := routeOf(op, e.Proxy, e.ProxyVar)
	summary = fmt.Sprintf("Cannot reach the 8x8 API: %s: %s", e.Kind, op)
	switch e.Kind {
	case client.FailureRedirect:
		var redirect *client.RedirectError
		errors.As(e, &redirect)
		return fmt.Sprintf("8x8 API redirect refused: %s", op),
			fmt.Sprintf("The server at %s redirected to %s. The provider refused to follow: %s. "+
				"Check base_url: it should name the 8x8 API host itself.", redirect.From, redirect.To, redirect.Reason)
	case client.FailureCanceled:
		return fmt.Sprintf("8x8 API request canceled: %s", op),
			"The request was canceled (for example by Ctrl-C) before the API answered."
	case client.FailureTimeout:
		summary = fmt.Sprintf("8x8 API request timed out: %s%s", op, afterAttempts(e.Attempts))
		raise := fmt.Sprintf("raise request_timeout (or %s)", EnvRequestTimeout)
		switch {
		case r.proxy != "":
			return summary, fmt.Sprintf("No complete answer within request_timeout (%s), through %s. Check that the proxy is reachable "+
				"and that base_url/region point at a reachable 8x8 host, or %s if the network is slow.", e.Timeout, r.proxy, raise)
		case r.local:
			return summary, fmt.Sprintf("No complete answer within request_timeout (%s) from the server base_url names, on this machine. "+
				"Check that server, or %s.", e.Timeout, raise)
		}
		return summary, fmt.Sprintf("No complete answer within request_timeout (%s). Check that base_url/region point at a reachable "+
			"8x8 host, or %s if the network is slow.", e.Timeout, raise)
	case client.FailureNotListening:
		summary = fmt.Sprintf("Cannot reach the 8x8 API: nothing is listening on %s: %s", e.Address, op)
		if r.proxy != "" {
			return summary, fmt.Sprintf("Nothing is listening on %s, on this machine, where %s says the proxy is: the connection to it "+
				"was refused. Start the proxy, or correct %s (or unset it to connect directly).", e.Address, r.proxyVar, r.proxyVar) +
				notRetriedRefused
		}
		return summary, fmt.Sprintf("Nothing is listening on %s, on this machine: the connection was refused. Start the server "+
			"base_url names (the in-repo emulator: make emulator, with EMULATOR_ADDR for another address than 127.0.0.1:18088), "+
			"or correct base_url.", e.Address) + notRetriedRefused
	case client.FailureNotLoopback:
		return summary, "base_url is a plain http:// URL, which the provider allows only for this machine, but its host name " +
			"resolved to another address. The provider refused to connect, so that the API key does not cross a network in " +
			"clear text: use https://, or a loopback address such as 127.0.0.1." + notRetried
	case client.FailureTLS:
		detail = "The TLS handshake failed: the server's certificate could not be verified, or the server refused the " +
			"handshake (a TLS version or a client certificate it requires). "
		caFile := "ca_cert_file (or " + EnvCACertFile + ")"
		switch {
		case r.proxy != "":
			detail += fmt.Sprintf("If %s intercepts TLS, trust its CA with %s; otherwise check base_url.", r.proxy, caFile)
		case r.local:
			detail += fmt.Sprintf("The server base_url names is on this machine: trust the CA that signed its certificate with %s, "+
				"or check base_url.", caFile)
		default:
			detail += fmt.Sprintf("If something between Terraform and 8x8 intercepts TLS (a corporate firewall), trust its CA with %s; "+
				"otherwise check base_url.", caFile)
		}
		return summary, detail + notRetried
	case client.FailureNotTLS:
		if r.proxy != "" {
			return summary, fmt.Sprintf("The answer came through %s in plain HTTP, or not in TLS at all, where 8x8's TLS was "+
				"expected: the proxy may not tunnel (CONNECT) but answer itself, or base_url names the wrong port. "+
				"Check %s and NO_PROXY, then base_url.", r.proxy, r.proxyVar) + notRetried
		}
		return summary, "The server at base_url answered in plain HTTP, or not in TLS at all, on an https:// URL: " +
			"base_url names the wrong port, or another service listens there." + notRetried
	case client.FailureProxy:
		var proxy *client.ProxyError
		errors.As(e, &proxy)
		if r.proxy == "" { // cannot be: the proxy said so
			r = route{proxy: "the proxy " + proxy.Proxy, proxyVar: "the proxy setting"}
		}
		detail = fmt.Sprintf("%s refused to open a tunnel to %s: HTTP %s. ", capitalize(r.proxy), proxy.Target, proxy.Status)
		switch proxy.StatusCode {
		case http.StatusProxyAuthRequired:
			detail += fmt.Sprintf("It wants credentials: give them in %s, as http://user:password@host:port.", r.proxyVar)
		case http.StatusForbidden:
			detail += "It does not allow this host: have it allowed, or exempt the host with NO_PROXY."
		default:
			detail += fmt.Sprintf("Check %s and NO_PROXY.", r.proxyVar)
		}
		if proxy.StatusCode < 500 {
			detail += notRetried
		}
		return summary, detail
	case client.FailureBody:
		detail = fmt.Sprintf("The connection broke after the API began to answer (a reset, or a body cut short)%s. ", onEach(e.Attempts))
		switch {
		case r.proxy != "":
			return summary, detail + fmt.Sprintf("Check the network, and %s.", r.proxy)
		case r.local:
			return summary, detail + "The server base_url names is on this machine: check it."
		}
		return summary, detail + "Check the network, and anything between Terraform and 8x8 that may cut connections (a firewall, a gateway)."
	case client.FailureProtocol:
		detail = "The answer is not valid HTTP (its status line, headers or body framing): "
		switch {
		case r.proxy != "":
			detail += fmt.Sprintf("base_url may name another service than 8x8's API, or %s broke the answer.", r.proxy)
		case r.local:
			detail += "base_url names a service on this machine that is not the 8x8 API or its emulator, or one that is broken."
		default:
			detail += "base_url may name another service than 8x8's API, or something between Terraform and 8x8 broke the answer."
		}
		return summary, detail + notRetried
	}
	summary = fmt.Sprintf("Cannot reach the 8x8 API: %s failed%s", op, afterAttempts(e.Attempts))
	switch {
	case r.proxy != "":
		return summary, fmt.Sprintf("Check that %s is reachable, and base_url/region.", r.proxy)
	case r.local:
		return summary, "The server base_url names, on this machine, closed or reset the connection without an answer: check that " +
			"server, and base_url."
	}
	return summary, "Check network access to the 8x8 API (name lookup, firewall), and base_url/region."
}

// responseHint says who may have answered a 2xx that is not a webhook list.
func responseHint(e *client.ResponseError) string {
	r := routeOf(e.Operation, e.Proxy, e.ProxyVar)
	switch {
	case r.proxy != "":
		return fmt.Sprintf("%s may have answered instead of 8x8 (a login or block page, say): check it, then base_url.", capitalize(r.proxy))
	case r.local:
		return "The server base_url names, on this machine, may not be the 8x8 API or its emulator: check base_url."
	}
	return "A gateway or something else between Terraform and 8x8 may have answered instead of 8x8: check base_url."
}

func apiErrorDetail(e *client.APIError) string {
	var b strings.Builder
	if e.Is8x8() {
		fmt.Fprintf(&b, "8x8 error code: %d\nMessage: %s\n", e.Code, valueOr(e.Message, "(none)"))
		if e.ErrorID != "" {
			fmt.Fprintf(&b, "errorId: %s (quote it to 8x8 support)\n", e.ErrorID)
		}
		if e.Timestamp != "" {
			fmt.Fprintf(&b, "Timestamp: %s\n", e.Timestamp)
		}
	} else if e.Excerpt != "" {
		fmt.Fprintf(&b, "The body is not an 8x8 error (Content-Type: %s); it starts:\n%s\n", valueOr(e.ContentType, "none"), e.Excerpt)
	} else {
		b.WriteString("The response had no body.\n")
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, "Attempts: %d (the details above are from the last response)\n", e.Attempts)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, "Retry-After: %s\n", e.RetryAfter)
	}
	if hint := statusHint(e); hint != "" {
		b.WriteString("\n" + hint)
	}
	return strings.TrimRight(b.String(), "\n")
}

// statusHint says what usually causes an error status.
func statusHint(e *client.APIError) string {
	switch status := e.StatusCode; {
	case status == http.StatusBadRequest:
		return "8x8 refused a parameter of the request: check account_id."
	case status == http.StatusUnauthorized:
		return "Check api_key (or " + EnvAPIKey + "), and that region (or base_url) is the account's region: a key is known only in its own region."
	case status == http.StatusForbidden:
		return "The key was accepted but is not allowed to read this account: check the key's permissions and whether the account " +
			"restricts API use to an IP allow-list that does not include this machine's address."
	case status == http.StatusNotFound:
		hint := "Check account_id, and that region (or base_url) is the account's region."
		if prefix := pathPrefix(e.Requested); prefix != "" {
			hint = fmt.Sprintf("Check the path prefix %q of base_url: the provider called %s, keeping the prefix in front of /api/v1. "+
				"Then check account_id, and that base_url leads to the account's region.", prefix, e.Requested)
		}
		if e.Redirected {
			hint = fmt.Sprintf("The server redirected the request to %s, which answered 404. %s", e.URL, hint)
		}
		return hint
	case status == http.StatusUpgradeRequired:
		return "8x8 requires a newer TLS version; check any TLS-intercepting proxy between Terraform and 8x8."
	case status == http.StatusTooManyRequests:
		return "8x8 is rate limiting this key or address; wait and run again, or raise max_retries."
	case status >= 500:
		return serverErrorHint(e)
	}
	return ""
}

// serverErrorHint is statusHint for a 5xx. It asks for the errorId only
// when the answer had one: a body that is not 8x8's error (a gateway's 502
// page, say) may not come from 8x8 at all.
func serverErrorHint(e *client.APIError) string {
	switch {
	case e.ErrorID != "":
		return "8x8 had a server-side problem; run again later, and give the errorId to 8x8 support if it persists."
	case e.Is8x8():
		return "8x8 had a server-side problem; run again later, and give 8x8 support the error code and the time if it persists."
	case routeOf(e.Operation, "", "").local:
		return "The server base_url names, on this machine, answered with a server error that is not an 8x8 error: check that server, and base_url."
	}
	return "The answer is not an 8x8 error, so it may come from a gateway or load balancer between Terraform and 8x8 rather than " +
		"from 8x8 (a 502 or 504 often does): run again later, and check base_url/region if it persists."
}

// onEach is ", on each of the N attempts" when there was more than one.
func onEach(n int) string {
	if n > 1 {
		return fmt.Sprintf(", on each of the %d attempts", n)
	}
	return ""
}

// afterAttempts is " after N attempts" when there was more than one.
func afterAttempts(n int) string {
	if n > 1 {
		return fmt.Sprintf(" after %d attempts", n)
	}
	return ""
}

func valueOr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// pathPrefix is the part of a requested URL's path before /api/v1/: the
// path of a base_url such as https://gateway.example/8x8.
func pathPrefix(calledURL string) string {
	u, err := url.Parse(calledURL)
	if err != nil {
		return ""
	}
	prefix, _, _ := strings.Cut(u.EscapedPath(), "/api/v1/")
	return prefix
}
