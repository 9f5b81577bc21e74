package provider

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

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
		detail += "\n\nA proxy or gateway between Terraform and 8x8 may have answered instead of 8x8; check base_url and any HTTPS_PROXY setting."
		diags.AddError(fmt.Sprintf("Unusable response from %s", respErr.Operation), detail)
	case errors.As(err, &tErr):
		summary := fmt.Sprintf("Cannot reach the 8x8 API: %s failed%s", tErr.Operation, afterAttempts(tErr.Attempts))
		var detail string
		var redirect *client.RedirectError
		switch {
		case errors.As(tErr, &redirect):
			summary = fmt.Sprintf("8x8 API redirect refused: %s", tErr.Operation)
			detail = fmt.Sprintf("The server at %s redirected to %s. The provider refused to follow: %s. "+
				"Check base_url: it should name the 8x8 API host itself.", redirect.From, redirect.To, redirect.Reason)
		case tErr.Canceled:
			summary = fmt.Sprintf("8x8 API request canceled: %s", tErr.Operation)
			detail = "The request was canceled (for example by Ctrl-C) before the API answered."
		case tErr.Timeout > 0:
			summary = fmt.Sprintf("8x8 API request timed out: %s%s", tErr.Operation, afterAttempts(tErr.Attempts))
			detail = fmt.Sprintf("No complete answer within request_timeout (%s). Raise request_timeout (or %s) if the network is slow, "+
				"and check that base_url/region point at a reachable 8x8 host.", tErr.Timeout, EnvRequestTimeout)
		default:
			detail = "Check network access to the 8x8 API, base_url/region, and any HTTPS_PROXY setting."
		}
		detail += fmt.Sprintf("\n\nAttempts: %d\nError: %v", tErr.Attempts, tErr.Err)
		diags.AddError(summary, detail)
	default:
		diags.AddError(fmt.Sprintf("Reading the webhooks of account %s failed", accountID), err.Error())
	}
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
		if prefix := pathPrefix(e.URL); prefix != "" {
			return fmt.Sprintf("Check the path prefix %q of base_url: the provider called %s, keeping the prefix in front of /api/v1. "+
				"Then check account_id, and that base_url leads to the account's region.", prefix, e.URL)
		}
		return "Check account_id, and that region (or base_url) is the account's region."
	case status == http.StatusUpgradeRequired:
		return "8x8 requires a newer TLS version; check any TLS-intercepting proxy between Terraform and 8x8."
	case status == http.StatusTooManyRequests:
		return "8x8 is rate limiting this key or address; wait and run again, or raise max_retries."
	case status >= 500:
		return "8x8 had a server-side problem; run again later, and give the errorId to 8x8 support if it persists."
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

// pathPrefix is the part of a called URL's path before /api/v1/: the path
// of a base_url such as https://gateway.example/8x8.
func pathPrefix(calledURL string) string {
	u, err := url.Parse(calledURL)
	if err != nil {
		return ""
	}
	prefix, _, _ := strings.Cut(u.EscapedPath(), "/api/v1/")
	return prefix
}
