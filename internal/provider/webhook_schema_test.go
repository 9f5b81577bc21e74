package provider

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// Terraform pays for every sensitive path, and a mark inside an object
// makes the whole object unusable in outputs: only top-level attributes
// may be Sensitive. These are the ones that are, and must stay so.
func TestSchema_sensitiveOnlyAtTheTopLevel(t *testing.T) {
	want := map[string][]string{
		"eightxeight_webhooks": {"credentials"},
		"eightxeight_webhook":  {"http_authorization", "oauth_client_secret"}, // sorted
	}
	ctx := context.Background()
	for _, newDataSource := range (&Provider{}).DataSources(ctx) {
		ds := newDataSource()
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: TypeName}, &meta)
		var sch datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &sch)
		var sensitive []string
		var walk func(name string, a interface{ IsSensitive() bool }, top bool)
		walk = func(name string, a interface{ IsSensitive() bool }, top bool) {
			switch {
			case a.IsSensitive() && top:
				sensitive = append(sensitive, name)
			case a.IsSensitive():
				t.Errorf("%s: %s is Sensitive inside a nested attribute", meta.TypeName, name)
			}
			if n, ok := a.(schema.NestedAttribute); ok {
				for nested, na := range n.GetNestedObject().GetAttributes() {
					walk(name+"."+nested, na, false)
				}
			}
		}
		for name, a := range sch.Schema.Attributes {
			walk(name, a, true)
		}
		slices.Sort(sensitive)
		if !slices.Equal(sensitive, want[meta.TypeName]) {
			t.Errorf("%s: sensitive attributes %v, want %v", meta.TypeName, sensitive, want[meta.TypeName])
		}
	}
}
