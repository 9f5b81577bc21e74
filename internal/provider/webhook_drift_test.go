package provider

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// Values as Terraform sends them to a dynamic parameter: an HCL object
// literal is an object whose attributes have the types of their values,
// and a null literal is a null of the dynamic pseudo-type.

func litString(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
func litBool(b bool) tftypes.Value     { return tftypes.NewValue(tftypes.Bool, b) }
func litNumber(n int64) tftypes.Value  { return tftypes.NewValue(tftypes.Number, n) }

var (
	litNull    = tftypes.NewValue(tftypes.DynamicPseudoType, nil)
	litUnknown = tftypes.NewValue(tftypes.DynamicPseudoType, tftypes.UnknownValue)
	litEmpty   = litObject(nil)
)

// litObject is an object literal.
func litObject(attrs map[string]tftypes.Value) tftypes.Value {
	types := make(map[string]tftypes.Type, len(attrs))
	for name, v := range attrs {
		types[name] = v.Type()
	}
	return tftypes.NewValue(tftypes.Object{AttributeTypes: types}, attrs)
}

// litMap is a map of values of one type.
func litMap(elem tftypes.Type, elems map[string]tftypes.Value) tftypes.Value {
	return tftypes.NewValue(tftypes.Map{ElementType: elem}, elems)
}

// litTuple is a tuple literal.
func litTuple(elems ...tftypes.Value) tftypes.Value {
	types := make([]tftypes.Type, len(elems))
	for i, v := range elems {
		types[i] = v.Type()
	}
	return tftypes.NewValue(tftypes.Tuple{ElementTypes: types}, elems)
}

func litPtr(s string) *string { return &s }

// documentedHooks is the emulator's documented account as the client
// returns it, canonical: in the data source's order, CABM/*,
// CADR/Onion_Marketing, MSG/*, MSG/Onion_Marketing.
func documentedHooks() []client.Webhook {
	hooks := []client.Webhook{
		{Type: "CADR", SubAccountID: "Onion_Marketing", URL: "http://example.com/dr/marketing", Enabled: true, OAuth: &client.OAuth{
			URL: litPtr("https://auth.example.com/oauth/token"), ClientID: litPtr("my-client-id"), ClientSecret: litPtr("***"),
			CredentialsLocation: litPtr("header"), Scope: litPtr("read write"),
		}},
		{Type: "MSG", SubAccountID: "Onion_Marketing", URL: "http://example.com/dr/sales", Enabled: true, HTTPAuthorization: litPtr("***")},
		{Type: "MSG", SubAccountID: "*", URL: "http://example.com/dr/general", Enabled: true},
		{Type: "CABM", SubAccountID: "*", URL: "http://example.com/mo/general", Enabled: false},
	}
	canonicalWebhooks(hooks)
	return hooks
}

// webhooksValue is the webhooks attribute of eightxeight_webhooks for
// hooks, built by the data source's own mapping.
func webhooksValue(t *testing.T, hooks []client.Webhook) tftypes.Value {
	t.Helper()
	list, err := webhookList(context.Background(), hooks)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// exactExpectation gives every attribute of the documented account's
// webhooks but for MSG/*, which must only exist.
func exactExpectation() map[string]tftypes.Value {
	return map[string]tftypes.Value{
		"CABM/*": litObject(map[string]tftypes.Value{
			"url": litString("http://example.com/mo/general"), "enabled": litBool(false),
			"has_http_authorization": litBool(false), "has_oauth": litBool(false), "oauth": litNull,
		}),
		"CADR/Onion_Marketing": litObject(map[string]tftypes.Value{
			"url": litString("http://example.com/dr/marketing"), "enabled": litBool(true), "has_oauth": litBool(true),
			"oauth": litObject(map[string]tftypes.Value{
				"url": litString("https://auth.example.com/oauth/token"), "client_id": litString("my-client-id"),
				"credentials_location": litString("header"), "scope": litString("read write"),
			}),
		}),
		"MSG/*":               litEmpty,
		"MSG/Onion_Marketing": litObject(map[string]tftypes.Value{"has_http_authorization": litBool(true), "url": litString("http://example.com/dr/sales")}),
	}
}

// driftWith is the exact expectation with the entries of changes replaced (a
// zero Value removes one).
func driftWith(changes map[string]tftypes.Value) tftypes.Value {
	entries := exactExpectation()
	for key, v := range changes {
		if v.Type() == nil {
			delete(entries, key)
			continue
		}
		entries[key] = v
	}
	return litObject(entries)
}

// Every kind of difference on the documented account, one line each, with
// the exact wording.
func TestWebhooksDrift_differences(t *testing.T) {
	actual := webhooksValue(t, documentedHooks())
	oauthWith := func(attrs map[string]tftypes.Value) tftypes.Value {
		return litObject(map[string]tftypes.Value{"oauth": litObject(attrs)})
	}
	for name, tc := range map[string]struct {
		expected tftypes.Value
		want     []string
	}{
		"none": {driftWith(nil), []string{}},
		"nothing expected": {litEmpty, []string{
			"CABM/*: unexpected (in the account, not expected)",
			"CADR/Onion_Marketing: unexpected (in the account, not expected)",
			"MSG/*: unexpected (in the account, not expected)",
			"MSG/Onion_Marketing: unexpected (in the account, not expected)",
		}},
		"missing": {
			driftWith(map[string]tftypes.Value{"CADR/Sales": litEmpty}),
			[]string{"CADR/Sales: missing (expected, not in the account)"},
		},
		"unexpected": {
			driftWith(map[string]tftypes.Value{"MSG/*": {}}),
			[]string{"MSG/*: unexpected (in the account, not expected)"},
		},
		"url": {
			driftWith(map[string]tftypes.Value{"MSG/*": litObject(map[string]tftypes.Value{"url": litString("https://b.example")})}),
			[]string{`MSG/*: url is "http://example.com/dr/general" in the account, expected "https://b.example"`},
		},
		"hidden white space shows": {
			driftWith(map[string]tftypes.Value{"MSG/*": litObject(map[string]tftypes.Value{"url": litString("http://example.com/dr/general\u00a0")})}),
			[]string{`MSG/*: url is "http://example.com/dr/general" in the account, expected "http://example.com/dr/general\u00a0"`},
		},
		"url null": {
			driftWith(map[string]tftypes.Value{"MSG/*": litObject(map[string]tftypes.Value{"url": litNull})}),
			[]string{`MSG/*: url is "http://example.com/dr/general" in the account, expected null`},
		},
		"enabled": {
			driftWith(map[string]tftypes.Value{"CABM/*": litObject(map[string]tftypes.Value{"enabled": litBool(true)})}),
			[]string{"CABM/*: enabled is false in the account, expected true"},
		},
		"has_http_authorization": {
			driftWith(map[string]tftypes.Value{"MSG/Onion_Marketing": litObject(map[string]tftypes.Value{"has_http_authorization": litBool(false)})}),
			[]string{"MSG/Onion_Marketing: has_http_authorization is true in the account, expected false"},
		},
		"has_oauth": {
			driftWith(map[string]tftypes.Value{"MSG/*": litObject(map[string]tftypes.Value{"has_oauth": litBool(true)})}),
			[]string{"MSG/*: has_oauth is false in the account, expected true"},
		},
		"oauth null expected, set in the account": {
			driftWith(map[string]tftypes.Value{"CADR/Onion_Marketing": litObject(map[string]tftypes.Value{"oauth": litNull})}),
			[]string{`CADR/Onion_Marketing: oauth is {client_id = "my-client-id", credentials_location = "header", scope = "read write", ` +
				`url = "https://auth.example.com/oauth/token"} in the account, expected null`},
		},
		"oauth expected, null in the account": {
			driftWith(map[string]tftypes.Value{"MSG/*": oauthWith(map[string]tftypes.Value{"client_id": litString("hooks")})}),
			[]string{`MSG/*: oauth is null in the account, expected {client_id = "hooks"}`},
		},
		"any oauth expected, null in the account": {
			driftWith(map[string]tftypes.Value{"MSG/*": oauthWith(nil)}),
			[]string{`MSG/*: oauth is null in the account, expected {}`},
		},
		"any oauth expected, set in the account": {
			driftWith(map[string]tftypes.Value{"CADR/Onion_Marketing": oauthWith(nil)}),
			[]string{},
		},
		"partial oauth, same": {
			driftWith(map[string]tftypes.Value{"CADR/Onion_Marketing": oauthWith(map[string]tftypes.Value{"client_id": litString("my-client-id")})}),
			[]string{},
		},
		"partial oauth, different": {
			driftWith(map[string]tftypes.Value{"CADR/Onion_Marketing": oauthWith(map[string]tftypes.Value{
				"client_id": litString("my-client-id"), "scope": litString("read"), "credentials_location": litString("body"),
			})}),
			[]string{
				`CADR/Onion_Marketing: oauth.credentials_location is "header" in the account, expected "body"`,
				`CADR/Onion_Marketing: oauth.scope is "read write" in the account, expected "read"`,
			},
		},
		"oauth scope null expected": {
			driftWith(map[string]tftypes.Value{"CADR/Onion_Marketing": oauthWith(map[string]tftypes.Value{"scope": litNull})}),
			[]string{`CADR/Onion_Marketing: oauth.scope is "read write" in the account, expected null`},
		},
		// Sorted by key, then text; each key's lines together.
		"several, sorted": {
			driftWith(map[string]tftypes.Value{
				"MSG/*": {}, "CADR/Sales": litEmpty, "A/x": litEmpty,
				"MSG/Onion_Marketing": litObject(map[string]tftypes.Value{"url": litString("https://b.example"), "enabled": litBool(false)}),
				"CABM/*":              litObject(map[string]tftypes.Value{"oauth": litObject(nil)}),
			}),
			[]string{
				"A/x: missing (expected, not in the account)",
				"CABM/*: oauth is null in the account, expected {}",
				"CADR/Sales: missing (expected, not in the account)",
				"MSG/*: unexpected (in the account, not expected)",
				"MSG/Onion_Marketing: enabled is true in the account, expected false",
				`MSG/Onion_Marketing: url is "http://example.com/dr/sales" in the account, expected "https://b.example"`,
			},
		},
	} {
		t.Run(name, func(t *testing.T) {
			got := webhooksDrift(tc.expected, actual)
			if !got.known || got.errs != nil {
				t.Fatalf("known %v, errors %v", got.known, got.errs)
			}
			if got.lines == nil || !slices.Equal(got.lines, tc.want) {
				t.Errorf("got %#v\nwant %#v", got.lines, tc.want)
			}
		})
	}
}

// No webhook expected and none there: an empty list of lines, not null,
// whether actual is an empty list (an account without webhooks) or the
// empty tuple [].
func TestWebhooksDrift_empty(t *testing.T) {
	for name, actual := range map[string]tftypes.Value{"list": webhooksValue(t, nil), "tuple": litTuple()} {
		got := webhooksDrift(litEmpty, actual)
		if !got.known || got.errs != nil || got.lines == nil || len(got.lines) != 0 {
			t.Errorf("%s: %#v", name, got)
		}
	}
}

// A map works as the object does: a map of objects (tomap of entries of
// one shape, a map(object) variable) and a map of maps (map(map(string))).
func TestWebhooksDrift_mapExpected(t *testing.T) {
	actual := webhooksValue(t, documentedHooks())
	urlType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"url": tftypes.String}}
	entry := func(url string) tftypes.Value {
		return tftypes.NewValue(urlType, map[string]tftypes.Value{"url": litString(url)})
	}
	stringMap := func(url string) tftypes.Value {
		return litMap(tftypes.String, map[string]tftypes.Value{"url": litString(url)})
	}
	want := []string{
		"CADR/Onion_Marketing: unexpected (in the account, not expected)",
		`MSG/*: url is "http://example.com/dr/general" in the account, expected "https://b.example"`,
		"MSG/Onion_Marketing: unexpected (in the account, not expected)",
	}
	for name, expected := range map[string]tftypes.Value{
		"object": litObject(map[string]tftypes.Value{"CABM/*": litObject(map[string]tftypes.Value{"url": litString("http://example.com/mo/general")}),
			"MSG/*": litObject(map[string]tftypes.Value{"url": litString("https://b.example")})}),
		"map of objects": litMap(urlType, map[string]tftypes.Value{"CABM/*": entry("http://example.com/mo/general"), "MSG/*": entry("https://b.example")}),
		"map of maps": litMap(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{
			"CABM/*": stringMap("http://example.com/mo/general"), "MSG/*": stringMap("https://b.example"),
		}),
	} {
		t.Run(name, func(t *testing.T) {
			got := webhooksDrift(expected, actual)
			if !got.known || got.errs != nil || !slices.Equal(got.lines, want) {
				t.Errorf("got %#v (known %v, errors %v)\nwant %#v", got.lines, got.known, got.errs, want)
			}
		})
	}
}

// actual as it arrives after an output, a variable, a for expression or
// jsondecode(jsonencode(…)): a tuple of objects whose null attributes are
// of the dynamic pseudo-type; and as a set.
func TestWebhooksDrift_actualShapes(t *testing.T) {
	list := webhooksValue(t, documentedHooks())
	var elems []tftypes.Value
	if err := list.As(&elems); err != nil {
		t.Fatal(err)
	}
	// What jsondecode makes of an element: nulls lose their type.
	decoded := func(v tftypes.Value) tftypes.Value {
		var attrs map[string]tftypes.Value
		if err := v.As(&attrs); err != nil {
			t.Fatal(err)
		}
		out := map[string]tftypes.Value{}
		for name, a := range attrs {
			if a.IsNull() {
				a = litNull
			}
			out[name] = a
		}
		return litObject(out)
	}
	tuple := make([]tftypes.Value, len(elems))
	for i, e := range elems {
		tuple[i] = decoded(e)
	}
	expected := driftWith(map[string]tftypes.Value{
		"MSG/*":  litObject(map[string]tftypes.Value{"url": litString("https://b.example"), "oauth": litNull}),
		"CABM/*": litObject(map[string]tftypes.Value{"oauth": litObject(map[string]tftypes.Value{"scope": litNull})}),
	})
	want := []string{
		"CABM/*: oauth is null in the account, expected {scope = null}",
		`MSG/*: url is "http://example.com/dr/general" in the account, expected "https://b.example"`,
	}
	for name, actual := range map[string]tftypes.Value{
		"list":  list,
		"tuple": litTuple(tuple...),
		"set":   tftypes.NewValue(tftypes.Set{ElementType: webhookObjectType}, elems),
		// A list of the singular data source's objects: other attributes are
		// ignored.
		"tuple of wider objects": litTuple(func() []tftypes.Value {
			out := make([]tftypes.Value, len(elems))
			for i, e := range elems {
				var attrs map[string]tftypes.Value
				if err := e.As(&attrs); err != nil {
					t.Fatal(err)
				}
				attrs["account_id"] = litString("3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f")
				out[i] = litObject(attrs)
			}
			return out
		}()...),
	} {
		t.Run(name, func(t *testing.T) {
			got := webhooksDrift(expected, actual)
			if !got.known || got.errs != nil || !slices.Equal(got.lines, want) {
				t.Errorf("got %#v (known %v, errors %v)\nwant %#v", got.lines, got.known, got.errs, want)
			}
		})
	}
}

// Anything unknown, anywhere in either argument, makes the result
// unknown: no lines, no error.
func TestWebhooksDrift_unknown(t *testing.T) {
	hooks := documentedHooks()
	actual := webhooksValue(t, hooks)
	// actualWith is actual with one attribute of the first webhook (or the
	// webhook itself, for an empty name) unknown.
	actualWith := func(name string) tftypes.Value {
		var elems []tftypes.Value
		if err := actual.As(&elems); err != nil {
			t.Fatal(err)
		}
		elems = slices.Clone(elems)
		if name == "" {
			elems[0] = tftypes.NewValue(webhookObjectType, tftypes.UnknownValue)
		} else {
			attrs := webhookValues(hooks[0])
			attrs[name] = tftypes.NewValue(webhookObjectType.AttributeTypes[name], tftypes.UnknownValue)
			elems[0] = tftypes.NewValue(webhookObjectType, attrs)
		}
		return tftypes.NewValue(webhookListType, elems)
	}
	for name, tc := range map[string]struct{ expected, actual tftypes.Value }{
		"expected":           {litUnknown, actual},
		"an expected entry":  {driftWith(map[string]tftypes.Value{"MSG/*": litUnknown}), actual},
		"an expected value":  {driftWith(map[string]tftypes.Value{"MSG/*": litObject(map[string]tftypes.Value{"url": litUnknown})}), actual},
		"an expected string": {driftWith(map[string]tftypes.Value{"MSG/*": litObject(map[string]tftypes.Value{"url": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)})}), actual},
		"deep in oauth": {driftWith(map[string]tftypes.Value{"CADR/Onion_Marketing": litObject(map[string]tftypes.Value{
			"oauth": litObject(map[string]tftypes.Value{"scope": litUnknown}),
		})}), actual},
		"actual":              {driftWith(nil), tftypes.NewValue(webhookListType, tftypes.UnknownValue)},
		"actual, dynamic":     {driftWith(nil), litUnknown},
		"an actual webhook":   {driftWith(nil), actualWith("")},
		"an actual key":       {driftWith(nil), actualWith("key")},
		"an actual url":       {driftWith(nil), actualWith("url")},
		"an actual oauth":     {driftWith(nil), actualWith("oauth")},
		"both, and no drift":  {litUnknown, litUnknown},
		"unknown beats drift": {driftWith(map[string]tftypes.Value{"CADR/Sales": litEmpty}), actualWith("url")},
	} {
		t.Run(name, func(t *testing.T) {
			got := webhooksDrift(tc.expected, tc.actual)
			if got.known || got.lines != nil || got.errs != nil {
				t.Errorf("want an unknown result; got known %v, lines %#v, errors %v", got.known, got.lines, got.errs)
			}
		})
	}
}

// Every bad input is an error naming the argument's part and what is
// wrong, with the exact text; errors in the known parts come even when
// other parts are unknown, and only the first wrong argument's.
func TestWebhooksDrift_errors(t *testing.T) {
	actual := webhooksValue(t, documentedHooks())
	entry := func(attrs map[string]tftypes.Value) tftypes.Value {
		return driftWith(map[string]tftypes.Value{"MSG/*": litObject(attrs)})
	}
	withElement := func(extra ...tftypes.Value) tftypes.Value {
		var elems []tftypes.Value
		if err := actual.As(&elems); err != nil {
			t.Fatal(err)
		}
		return litTuple(append(slices.Clone(elems), extra...)...)
	}
	const compared = "enabled, has_http_authorization, has_oauth, oauth and url"
	for name, tc := range map[string]struct {
		expected, actual tftypes.Value
		arg              int64
		want             []string
	}{
		"unknown attribute": {entry(map[string]tftypes.Value{"ulr": litString("x")}), actual, argExpected,
			[]string{`expected["MSG/*"] has no attribute "ulr": a webhook's attributes to compare are ` + compared}},
		"unknown attribute, actual unknown": {entry(map[string]tftypes.Value{"ulr": litString("x")}), litUnknown, argExpected,
			[]string{`expected["MSG/*"] has no attribute "ulr": a webhook's attributes to compare are ` + compared}},
		"unknown attribute with an unknown value": {entry(map[string]tftypes.Value{"ulr": litUnknown}), actual, argExpected,
			[]string{`expected["MSG/*"] has no attribute "ulr": a webhook's attributes to compare are ` + compared}},
		"identity attribute": {entry(map[string]tftypes.Value{"type": litString("MSG")}), actual, argExpected,
			[]string{`expected["MSG/*"] gives "type", which its key already says: an entry compares ` + compared}},
		"unknown oauth attribute": {entry(map[string]tftypes.Value{"oauth": litObject(map[string]tftypes.Value{"client_secret": litString("***")})}), actual, argExpected,
			[]string{`expected["MSG/*"].oauth has no attribute "client_secret": its attributes are client_id, credentials_location, scope and url`}},
		"several, in order": {entry(map[string]tftypes.Value{"ulr": litString("x"), "key": litString("MSG/*"), "enabled": litString("yes")}), actual, argExpected,
			[]string{
				`expected["MSG/*"].enabled must be a bool or null, not a string`,
				`expected["MSG/*"] gives "key", which its key already says: an entry compares ` + compared,
				`expected["MSG/*"] has no attribute "ulr": a webhook's attributes to compare are ` + compared,
			}},
		"key without a slash": {driftWith(map[string]tftypes.Value{"MSG": litEmpty}), actual, argExpected,
			[]string{`expected key "MSG" is not a webhook key: it has no "/". A key is "<type>/<sub_account_id>" (e.g. "MSG/*", ` +
				`or "/Sales" for a webhook without a type); provider::eightxeight::webhook_key(type, sub_account_id) builds it`}},
		"key without a sub-account": {driftWith(map[string]tftypes.Value{"MSG/": litEmpty}), actual, argExpected,
			[]string{`expected key "MSG/" is not a webhook key: it has no sub-account after the "/". A key is "<type>/<sub_account_id>" ` +
				`(e.g. "MSG/*", or "/Sales" for a webhook without a type); provider::eightxeight::webhook_key(type, sub_account_id) builds it`}},
		"null entry": {driftWith(map[string]tftypes.Value{"MSG/*": litNull}), actual, argExpected,
			[]string{`expected["MSG/*"] is null: write {} for a webhook that must exist whatever its attributes`}},
		"entry not an object": {driftWith(map[string]tftypes.Value{"MSG/*": litString("https://b.example")}), actual, argExpected,
			[]string{`expected["MSG/*"] must be an object of the attributes to compare (` + compared + `; {} to compare none), not a string`}},
		"expected null": {litNull, actual, argExpected,
			[]string{`expected is null: give the webhooks that must exist, keyed by webhook key (e.g. { "MSG/*" = { url = "https://hooks.example.com/inbound" }, "CADR/Sales" = {} }), or {} for none`}},
		"expected a list": {litTuple(litString("MSG/*")), actual, argExpected,
			[]string{`expected must be an object or a map keyed by webhook key (e.g. { "MSG/*" = { url = "https://hooks.example.com/inbound" }, "CADR/Sales" = {} }), not a tuple`}},
		"string for a string": {entry(map[string]tftypes.Value{"url": litNumber(1)}), actual, argExpected,
			[]string{`expected["MSG/*"].url must be a string or null, not a number`}},
		"bool for a bool": {entry(map[string]tftypes.Value{"has_oauth": litString("true")}), actual, argExpected,
			[]string{`expected["MSG/*"].has_oauth must be a bool or null, not a string`}},
		"object for oauth": {entry(map[string]tftypes.Value{"oauth": litString("yes")}), actual, argExpected,
			[]string{`expected["MSG/*"].oauth must be an object or null, not a string`}},
		"string in oauth": {entry(map[string]tftypes.Value{"oauth": litObject(map[string]tftypes.Value{"scope": litBool(true)})}), actual, argExpected,
			[]string{`expected["MSG/*"].oauth.scope must be a string or null, not a bool`}},
		"expected first": {entry(map[string]tftypes.Value{"ulr": litString("x")}), litString("x"), argExpected,
			[]string{`expected["MSG/*"] has no attribute "ulr": a webhook's attributes to compare are ` + compared}},

		"actual null": {driftWith(nil), litNull, argActual,
			[]string{"actual is null: give the webhooks the account has, the webhooks attribute of eightxeight_webhooks"}},
		"actual a string": {driftWith(nil), litString("MSG/*"), argActual,
			[]string{"actual must be a list of webhooks, the webhooks attribute of eightxeight_webhooks, not a string"}},
		"actual the data source": {driftWith(nil), litObject(map[string]tftypes.Value{"account_id": litString("x"), "webhooks": actual}), argActual,
			[]string{"actual must be the list of webhooks, not the data source: write data.eightxeight_webhooks.<name>.webhooks"}},
		"null element": {driftWith(nil), withElement(litNull), argActual,
			[]string{"actual[4] is null: each element must be a webhook of the webhooks attribute of eightxeight_webhooks"}},
		"element not an object": {driftWith(nil), withElement(litString("MSG/*")), argActual,
			[]string{"actual[4] must be a webhook object of the webhooks attribute of eightxeight_webhooks, not a string"}},
		"element without a key": {driftWith(nil), withElement(litObject(map[string]tftypes.Value{"url": litString("x")})), argActual,
			[]string{`actual[4] has no "key": each element must be a webhook of the webhooks attribute of eightxeight_webhooks`}},
		"null key": {driftWith(nil), withElement(litObject(map[string]tftypes.Value{"key": litNull})), argActual,
			[]string{"actual[4].key must be a string, not null"}},
		"number key": {driftWith(nil), withElement(litObject(map[string]tftypes.Value{"key": litNumber(7)})), argActual,
			[]string{"actual[4].key must be a string, not a number"}},
		"duplicate key": {driftWith(nil), withElement(litObject(map[string]tftypes.Value{"key": litString("MSG/*")})), argActual,
			[]string{`actual[2] and actual[4] both have the key "MSG/*": a key names one webhook`}},
		"wrong type in actual": {driftWith(nil), withElement(litObject(map[string]tftypes.Value{"key": litString("A/b"), "enabled": litString("on")})), argActual,
			[]string{`actual[4].enabled must be a bool or null, not a string`}},
		// Found only when comparing: the element lacks what expected compares.
		"attribute missing from actual": {
			driftWith(map[string]tftypes.Value{"A/b": litObject(map[string]tftypes.Value{"url": litString("x")})}),
			withElement(litObject(map[string]tftypes.Value{"key": litString("A/b")})), argActual,
			[]string{`actual[4] (key "A/b") has no attribute "url", which expected["A/b"] compares: give the webhooks attribute of eightxeight_webhooks`}},
		"oauth attribute missing from actual": {
			driftWith(map[string]tftypes.Value{"A/b": litObject(map[string]tftypes.Value{"oauth": litObject(map[string]tftypes.Value{"scope": litNull})})}),
			withElement(litObject(map[string]tftypes.Value{"key": litString("A/b"), "oauth": litObject(map[string]tftypes.Value{"url": litString("x")})})), argActual,
			[]string{`actual[4] (key "A/b") has no attribute "oauth.scope", which expected["A/b"] compares: give the webhooks attribute of eightxeight_webhooks`}},
	} {
		t.Run(name, func(t *testing.T) {
			got := webhooksDrift(tc.expected, tc.actual)
			if got.known || got.lines != nil {
				t.Errorf("known %v, lines %#v: want an error", got.known, got.lines)
			}
			var msgs []string
			for _, e := range got.errs {
				if e.arg != tc.arg {
					t.Errorf("error about argument %d, want %d: %s", e.arg, tc.arg, e.msg)
				}
				msgs = append(msgs, e.msg)
			}
			if !slices.Equal(msgs, tc.want) {
				t.Errorf("errors\n%s\nwant\n%s", strings.Join(msgs, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// Keys are matched as given: a sub-account in another Unicode spelling is
// another key, and keyOf builds the one the data source gives.
func TestWebhooksDrift_keysMatchAsGiven(t *testing.T) {
	hooks := []client.Webhook{{Type: "MSG", SubAccountID: "Caf\u00e9", URL: "https://a.example", Enabled: true}}
	canonicalWebhooks(hooks)
	actual := webhooksValue(t, hooks)
	decomposed := "Cafe\u0301"
	got := webhooksDrift(litObject(map[string]tftypes.Value{"MSG/" + decomposed: litEmpty}), actual)
	want := []string{"MSG/Cafe\u0301: missing (expected, not in the account)", "MSG/Caf\u00e9: unexpected (in the account, not expected)"}
	if !slices.Equal(got.lines, want) {
		t.Errorf("got %q, want %q", got.lines, want)
	}
	got = webhooksDrift(litObject(map[string]tftypes.Value{keyOf("MSG", decomposed): litEmpty}), actual)
	if !got.known || len(got.lines) != 0 || got.errs != nil {
		t.Errorf("with keyOf: %#v", got)
	}
}

// A key starts its line as it is, or quoted when part of it would not show.
func TestDisplayKey(t *testing.T) {
	for key, want := range map[string]string{
		"MSG/*":               "MSG/*",
		"MSG/Onion_Marketing": "MSG/Onion_Marketing",
		"MSG/Onion Marketing": "MSG/Onion Marketing",
		"MSG/Caf\u00e9":       "MSG/Caf\u00e9",
		"/Sales":              "/Sales",
		"A%2Fb/x:y":           "A%2Fb/x:y",
		"MSG/Sales ":          `"MSG/Sales "`,
		" MSG/Sales":          `" MSG/Sales"`,
		"MSG/Sales\u00a0":     `"MSG/Sales\u00a0"`,
		"MSG/Sa\u200bles":     `"MSG/Sa\u200bles"`,
		"MSG/a\nb":            `"MSG/a\nb"`,
		"MSG/a\x1b[31m":       `"MSG/a\x1b[31m"`,
		`MSG/"q"`:             `"MSG/\"q\""`,
		"MSG/a: b":            `"MSG/a: b"`,
		"":                    `""`,
	} {
		if got := displayKey(key); got != want {
			t.Errorf("displayKey(%q) = %s, want %s", key, got, want)
		}
	}
}

// The comparable attributes are the schema's, less those the key says.
func TestComparableTypes_fromTheSchema(t *testing.T) {
	got := slices.Sorted(maps.Keys(comparableTypes))
	want := []string{"enabled", "has_http_authorization", "has_oauth", "oauth", "url"}
	if !slices.Equal(got, want) {
		t.Errorf("comparable attributes %v, want %v", got, want)
	}
}
