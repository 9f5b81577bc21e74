package provider

import (
	"bytes"
	"context"
	"maps"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// Every data source's state has a compiled encoder: a schema change that
// loses it would quietly fall back to the slow one.
func TestMsgpackEncoder_everyDataSource(t *testing.T) {
	for name, ds := range ownServer(t).dataSources {
		if ds.encode == nil {
			t.Errorf("%s has no compiled MessagePack encoder", name)
		}
	}
	if _, err := newMsgpackEncoder(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"n": tftypes.Number}}); err == nil {
		t.Error("an encoder for a type it does not know")
	}
}

// The compiled encoder writes what terraform-plugin-go's would: the same
// bytes where there is no map (whose key order terraform-plugin-go leaves
// to chance), and the same value once decoded everywhere.
func TestMsgpackEncoder_sameAsTerraformPluginGo(t *testing.T) {
	hooks := append(emulator.Generate(60), emulator.DocumentedExample()...)
	hooks = append(hooks, emulator.Webhook{SubAccountID: "no-type", URL: "https://x.example", Enabled: emulator.Bool(false)})
	decoded, err := client.DecodeWebhooks(bytes.NewReader(servedJSON(t, hooks)), client.MaxResponseBytes)
	if err != nil {
		t.Fatal(err)
	}
	sortWebhooks(decoded)
	unique, _ := uniqueByKey(decoded)
	srv := ownServer(t)
	list, one := srv.dataSources["eightxeight_webhooks"], srv.dataSources["eightxeight_webhook"]

	type state struct {
		ds        serverDataSource
		value     tftypes.Value
		sameBytes bool
	}
	states := []state{
		{list, objectValue(list.typ, map[string]tftypes.Value{
			"account_id": str(emulator.DefaultAccountID), "type": str("CADR"),
			"webhooks": must(webhookList(context.Background(), unique)), "credentials": credentialsMap(unique),
		}), false},
		{list, objectValue(list.typ, map[string]tftypes.Value{
			"account_id": str(emulator.DefaultAccountID), "webhooks": must(webhookList(context.Background(), nil)), "credentials": credentialsMap(nil),
		}), true},
	}
	for _, w := range unique[:12] {
		attrs := map[string]tftypes.Value{"account_id": str(emulator.DefaultAccountID)}
		maps.Copy(attrs, webhookValues(w))
		maps.Copy(attrs, secretValues(w))
		states = append(states, state{one, objectValue(one.typ, attrs), true})
	}
	for i, s := range states {
		ours, err := s.ds.encode.dynamicValue(s.value)
		if err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		theirs, err := tfprotov6.NewDynamicValue(s.ds.typ, s.value)
		if err != nil {
			t.Fatal(err)
		}
		if s.sameBytes && !bytes.Equal(ours.MsgPack, theirs.MsgPack) {
			t.Errorf("%d: bytes differ from terraform-plugin-go's", i)
		}
		back, err := ours.Unmarshal(s.ds.typ)
		if err != nil {
			t.Fatalf("%d: terraform-plugin-go cannot read it back: %v", i, err)
		}
		if !back.Equal(s.value) {
			t.Errorf("%d: read back\n%v\nwant\n%v", i, back, s.value)
		}
		if again, _ := s.ds.encode.dynamicValue(s.value); !bytes.Equal(again.MsgPack, ours.MsgPack) {
			t.Errorf("%d: two encodings of one value differ", i)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
