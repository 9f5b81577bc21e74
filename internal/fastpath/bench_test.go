package fastpath

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// BenchmarkReadDataSource is one eightxeight_webhooks read the way one
// terraform plan makes it: a new provider server, ConfigureProvider, and
// ReadDataSource with MessagePack configuration in and state out, against
// a server on loopback that answers with the emulator's body for n
// webhooks, rendered once. Both routes: the fast path, which the release
// binary serves, and the plain framework. When an upgrade of the framework
// brings the second close to the first, the fast path can go (see the
// package doc).
func BenchmarkReadDataSource(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		body := servedJSON(b, emulator.Generate(n))
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(body)
		}))
		for _, route := range []string{fastRoute, frameworkRoute} {
			b.Run(fmt.Sprintf("%s/webhooks=%d", route, n), func(b *testing.B) {
				b.ReportAllocs()
				req := readRequest(b, "eightxeight_webhooks", map[string]tftypes.Value{"account_id": str(emulator.DefaultAccountID)})
				for b.Loop() {
					resp, err := configured(b, route, srv.URL).ReadDataSource(context.Background(), req)
					if err != nil || len(resp.Diagnostics) > 0 || resp.State == nil || len(resp.State.MsgPack) < n*100 {
						b.Fatal(err, resp.Diagnostics)
					}
				}
			})
		}
		srv.Close()
	}
}
