package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// rawDynamicValue holds what Terraform sent, as it is, and converts to and
// from the framework's dynamic values.
func TestRawDynamic(t *testing.T) {
	ctx := context.Background()
	obj := litObject(map[string]tftypes.Value{"url": litString("https://a.example"), "oauth": litNull})
	v, err := rawDynamicType{}.ValueFromTerraform(ctx, obj)
	if err != nil {
		t.Fatal(err)
	}
	raw, ok := v.(rawDynamicValue)
	if !ok || !raw.value().Equal(obj) || raw.IsNull() || raw.IsUnknown() {
		t.Fatalf("%#v", v)
	}
	if got, _ := raw.ToTerraformValue(ctx); !got.Equal(obj) {
		t.Errorf("ToTerraformValue: %v", got)
	}
	if !raw.Type(ctx).Equal(rawDynamicType{}) || raw.Type(ctx).Equal(basetypes.DynamicType{}) || !raw.Equal(rawDynamicValue{raw: obj}) || raw.Equal(rawDynamicValue{}) {
		t.Error("Type or Equal")
	}

	var zero rawDynamicValue
	if !zero.IsNull() || zero.IsUnknown() || !zero.value().Equal(litNull) {
		t.Errorf("zero value: null %v, unknown %v, %v", zero.IsNull(), zero.IsUnknown(), zero.value())
	}
	unknown := rawDynamicValue{raw: litUnknown}
	if unknown.IsNull() || !unknown.IsUnknown() {
		t.Errorf("unknown: null %v, unknown %v", unknown.IsNull(), unknown.IsUnknown())
	}

	dv, diags := raw.ToDynamicValue(ctx)
	want := types.DynamicValue(types.ObjectValueMust(
		map[string]attr.Type{"url": types.StringType, "oauth": types.DynamicType},
		map[string]attr.Value{"url": types.StringValue("https://a.example"), "oauth": types.DynamicNull()},
	))
	if diags.HasError() || !dv.Equal(want) {
		t.Errorf("ToDynamicValue: %v %v", dv, diags)
	}
	back, diags := rawDynamicType{}.ValueFromDynamic(ctx, dv)
	if diags.HasError() || !back.(rawDynamicValue).value().Equal(obj) { //nolint:forcetypeassert // a failed assertion fails the test
		t.Errorf("ValueFromDynamic: %v %v", back, diags)
	}
}

// webhooks_drift on an account of 10,000 webhooks, each expected, through
// the protocol server: the provider's part of a call, from the encoded
// arguments to the encoded result (make bench does not run it: go test
// ./internal/provider -run '^$' -bench WebhooksDrift).
func BenchmarkWebhooksDrift(b *testing.B) {
	const n = 10000
	hooks := make([]client.Webhook, n)
	entries := make(map[string]tftypes.Value, n)
	for i := range hooks {
		hooks[i] = client.Webhook{Type: "MSG", SubAccountID: fmt.Sprintf("sub-%05d", i), URL: "https://hooks.example.com/in", Enabled: true}
		entries[webhookKey(hooks[i])] = litObject(map[string]tftypes.Value{"url": litString("https://hooks.example.com/in"), "enabled": litBool(true)})
	}
	canonicalWebhooks(hooks)
	actual, err := webhookList(context.Background(), hooks)
	if err != nil {
		b.Fatal(err)
	}
	req := &tfprotov6.CallFunctionRequest{Name: "webhooks_drift"}
	for _, arg := range []tftypes.Value{litObject(entries), actual} {
		dv, err := tfprotov6.NewDynamicValue(tftypes.DynamicPseudoType, arg)
		if err != nil {
			b.Fatal(err)
		}
		req.Arguments = append(req.Arguments, &dv)
	}
	server := newServer(testProvider(nil))
	for b.Loop() {
		resp, err := server.CallFunction(context.Background(), req)
		if err != nil || resp.Error != nil {
			b.Fatal(err, resp.Error)
		}
	}
}
