package spelling

import (
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"", "url", 3}, {"url", "", 3}, {"URL", "url", 0}, {"tpye", "type", 1}, {"ca", "ac", 1},
		{"kitten", "sitting", 3}, {"subaccountid", "subAccountId", 0}, {"credentialLocation", "credentialsLocation", 1},
		{"httpAuthorisation", "httpAuthorization", 1}, {strings.Repeat("a", 40), "a", 32},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
