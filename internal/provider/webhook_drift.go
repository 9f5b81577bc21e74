package provider

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The comparison behind provider::eightxeight::webhooks_drift, on plain
// tftypes values so that it can be tested without Terraform: the webhooks
// expected (keyed by webhook key, each with the attributes to compare)
// against the webhooks an account has (eightxeight_webhooks' list).

// The positions of webhooks_drift's arguments.
const (
	argExpected int64 = 0
	argActual   int64 = 1
)

// inputError is a problem with one argument of webhooks_drift.
type inputError struct {
	arg int64 // argExpected or argActual
	msg string
}

// identityAttributes are the attributes of a webhook that its key already
// says; the rest of webhookAttributes can be compared.
var identityAttributes = []string{"key", "type", "sub_account_id"}

// comparableTypes are the types of the attributes of a webhook that
// webhooks_drift compares, from the schema: a new attribute there is
// comparable at once.
var comparableTypes = func() map[string]tftypes.Type {
	types := maps.Clone(webhookObjectType.AttributeTypes)
	for _, name := range identityAttributes {
		delete(types, name)
	}
	return types
}()

// driftResult is what webhooks_drift returns: the differences, one line
// each; or the result is unknown (known false); or the arguments are wrong
// (errs, those of the first wrong argument).
type driftResult struct {
	lines []string
	known bool
	errs  []inputError
}

// webhooksDrift compares expected with actual (see webhooks_drift's
// description). Problems in the known parts of the arguments are errors
// even when other parts are unknown, so that terraform validate reports
// them; otherwise anything unknown makes the result unknown.
func webhooksDrift(expected, actual tftypes.Value) driftResult {
	var p driftParser
	want := p.expected(expected)
	have := p.actual(actual)
	if len(p.errs) > 0 {
		return driftResult{errs: firstArgument(p.errs)}
	}
	if p.unknown {
		return driftResult{}
	}
	var d differ
	for _, key := range slices.Sorted(maps.Keys(want)) {
		hook, ok := have[key]
		if !ok {
			d.add(key, "missing (expected, not in the account)")
			continue
		}
		for _, name := range slices.Sorted(maps.Keys(want[key])) {
			d.compare(key, name, name, want[key][name], hook.attrs, hook.index)
		}
	}
	for key := range have {
		if _, ok := want[key]; !ok {
			d.add(key, "unexpected (in the account, not expected)")
		}
	}
	if len(d.errs) > 0 {
		return driftResult{errs: firstArgument(d.errs)}
	}
	return driftResult{lines: d.render(), known: true}
}

// firstArgument keeps the errors of the first argument that has any, in
// order, so that the message Terraform shows for that argument is about it.
func firstArgument(errs []inputError) []inputError {
	first := slices.MinFunc(errs, func(a, b inputError) int { return cmp.Compare(a.arg, b.arg) }).arg
	return slices.DeleteFunc(slices.Clone(errs), func(e inputError) bool { return e.arg != first })
}

// A compared value is nil (null), a string, a bool, or an object as
// map[string]any: of an expected webhook, the attributes it gives; of an
// actual one, the attributes it has.

// driftParser turns the arguments into compared values, and notes what is
// wrong and whether anything is unknown.
type driftParser struct {
	errs    []inputError
	unknown bool
}

func (p *driftParser) fail(arg int64, format string, a ...any) {
	p.errs = append(p.errs, inputError{arg: arg, msg: fmt.Sprintf(format, a...)})
}

// expected reads webhooks_drift's first argument: an object or a map from
// webhook key to an object or map of the attributes to compare.
func (p *driftParser) expected(v tftypes.Value) map[string]map[string]any {
	const example = `e.g. { "MSG/*" = { url = "https://hooks.example.com/inbound" }, "CADR/Sales" = {} }`
	if !v.IsKnown() {
		p.unknown = true
		return nil
	}
	if v.IsNull() {
		p.fail(argExpected, "expected is null: give the webhooks that must exist, keyed by webhook key (%s), or {} for none", example)
		return nil
	}
	entries, ok := attributesOf(v)
	if !ok {
		p.fail(argExpected, "expected must be an object or a map keyed by webhook key (%s), not %s", example, typeName(v.Type()))
		return nil
	}
	want := make(map[string]map[string]any, len(entries))
	for _, key := range slices.Sorted(maps.Keys(entries)) {
		where := fmt.Sprintf("expected[%q]", key)
		if problem := keyProblem(key); problem != "" {
			p.fail(argExpected, `expected key %q is not a webhook key: it %s. A key is "<type>/<sub_account_id>" (e.g. "MSG/*", or "/Sales" `+
				`for a webhook without a type); provider::eightxeight::webhook_key(type, sub_account_id) builds it`, key, problem)
			continue
		}
		entry := entries[key]
		switch {
		case !entry.IsKnown():
			p.unknown = true
			continue
		case entry.IsNull():
			p.fail(argExpected, "%s is null: write {} for a webhook that must exist whatever its attributes", where)
			continue
		}
		given, ok := attributesOf(entry)
		if !ok {
			p.fail(argExpected, "%s must be an object of the attributes to compare (%s; {} to compare none), not %s",
				where, attributeList(comparableTypes), typeName(entry.Type()))
			continue
		}
		attrs := make(map[string]any, len(given))
		for _, name := range slices.Sorted(maps.Keys(given)) {
			t, ok := comparableTypes[name]
			switch {
			case slices.Contains(identityAttributes, name):
				p.fail(argExpected, "%s gives %q, which its key already says: an entry compares %s", where, name, attributeList(comparableTypes))
			case !ok:
				p.fail(argExpected, "%s has no attribute %q: a webhook's attributes to compare are %s", where, name, attributeList(comparableTypes))
			default:
				if value, ok := p.value(argExpected, given[name], t, where+"."+name, true); ok {
					attrs[name] = value
				}
			}
		}
		want[key] = attrs
	}
	return want
}

// keyProblem says what makes key malformed, or "" when it is a key.
func keyProblem(key string) string {
	_, sub, found := strings.Cut(key, "/")
	switch {
	case !found:
		return `has no "/"`
	case sub == "":
		return `has no sub-account after the "/"`
	}
	return ""
}

// actualHook is one webhook of the account: its attributes, and where it
// is in the argument.
type actualHook struct {
	attrs map[string]any
	index int
}

// actual reads webhooks_drift's second argument: a list, tuple or set of
// webhook objects, each with a key.
func (p *driftParser) actual(v tftypes.Value) map[string]actualHook {
	const source = "the webhooks attribute of eightxeight_webhooks"
	if !v.IsKnown() {
		p.unknown = true
		return nil
	}
	if v.IsNull() {
		p.fail(argActual, "actual is null: give the webhooks the account has, %s", source)
		return nil
	}
	var elems []tftypes.Value
	switch v.Type().(type) {
	case tftypes.List, tftypes.Set, tftypes.Tuple:
		if err := v.As(&elems); err != nil {
			p.fail(argActual, "actual cannot be read: %v", err)
			return nil
		}
	default:
		if attrs, ok := attributesOf(v); ok {
			if _, ok := attrs["webhooks"]; ok {
				p.fail(argActual, "actual must be the list of webhooks, not the data source: write data.eightxeight_webhooks.<name>.webhooks")
				return nil
			}
		}
		p.fail(argActual, "actual must be a list of webhooks, %s, not %s", source, typeName(v.Type()))
		return nil
	}
	have := make(map[string]actualHook, len(elems))
	for i, elem := range elems {
		switch {
		case !elem.IsKnown():
			p.unknown = true
			continue
		case elem.IsNull():
			p.fail(argActual, "actual[%d] is null: each element must be a webhook of %s", i, source)
			continue
		}
		attrs, ok := attributesOf(elem)
		if !ok {
			p.fail(argActual, "actual[%d] must be a webhook object of %s, not %s", i, source, typeName(elem.Type()))
			continue
		}
		key, ok := p.key(attrs, i)
		if !ok {
			continue
		}
		if other, dup := have[key]; dup {
			p.fail(argActual, "actual[%d] and actual[%d] both have the key %q: a key names one webhook", other.index, i, key)
			continue
		}
		hook := actualHook{attrs: make(map[string]any, len(comparableTypes)), index: i}
		for name, t := range comparableTypes {
			if av, ok := attrs[name]; ok {
				if value, ok := p.value(argActual, av, t, fmt.Sprintf("actual[%d].%s", i, name), false); ok {
					hook.attrs[name] = value
				}
			}
		}
		have[key] = hook
	}
	return have
}

// key is the key of the i-th webhook of actual, whose attributes are attrs.
func (p *driftParser) key(attrs map[string]tftypes.Value, i int) (string, bool) {
	v, ok := attrs["key"]
	switch {
	case !ok:
		p.fail(argActual, `actual[%d] has no "key": each element must be a webhook of the webhooks attribute of eightxeight_webhooks`, i)
		return "", false
	case !v.IsKnown():
		p.unknown = true
		return "", false
	case v.IsNull() || !v.Type().Is(tftypes.String):
		p.fail(argActual, `actual[%d].key must be a string, not %s`, i, describe(v))
		return "", false
	}
	var key string
	if err := v.As(&key); err != nil {
		p.fail(argActual, "actual[%d].key cannot be read: %v", i, err)
		return "", false
	}
	return key, true
}

// value converts v, an attribute of type t (a string, a bool or an object
// of them) at where, to a compared value. An object of expected holds the
// attributes it gives, each of which must be one of t's; an object of
// actual holds those of t's attributes it has.
func (p *driftParser) value(arg int64, v tftypes.Value, t tftypes.Type, where string, expected bool) (any, bool) {
	switch {
	case !v.IsKnown():
		p.unknown = true
		return nil, false
	case v.IsNull():
		return nil, true
	}
	switch {
	case t.Is(tftypes.String) && v.Type().Is(tftypes.String):
		var s string
		if err := v.As(&s); err == nil {
			return s, true
		}
	case t.Is(tftypes.Bool) && v.Type().Is(tftypes.Bool):
		var b bool
		if err := v.As(&b); err == nil {
			return b, true
		}
	case t.Is(tftypes.Object{}):
		attrs, ok := attributesOf(v)
		if !ok {
			break
		}
		types := t.(tftypes.Object).AttributeTypes //nolint:forcetypeassert // Is checked it
		object := make(map[string]any, len(attrs))
		for _, name := range slices.Sorted(maps.Keys(attrs)) {
			at, ok := types[name]
			if !ok {
				if expected {
					p.fail(arg, "%s has no attribute %q: its attributes are %s", where, name, attributeList(types))
				}
				continue
			}
			if value, ok := p.value(arg, attrs[name], at, where+"."+name, expected); ok {
				object[name] = value
			}
		}
		return object, true
	}
	p.fail(arg, "%s must be %s or null, not %s", where, typeName(t), describe(v))
	return nil, false
}

// attributesOf returns the attributes of an object or the elements of a
// map, which must be known and not null; ok is false for other types.
func attributesOf(v tftypes.Value) (map[string]tftypes.Value, bool) {
	switch v.Type().(type) {
	case tftypes.Object, tftypes.Map:
		var attrs map[string]tftypes.Value
		if err := v.As(&attrs); err != nil {
			return nil, false
		}
		return attrs, true
	}
	return nil, false
}

// typeName is how a message names a type.
func typeName(t tftypes.Type) string {
	switch t.(type) {
	case tftypes.List:
		return "a list"
	case tftypes.Set:
		return "a set"
	case tftypes.Tuple:
		return "a tuple"
	case tftypes.Map:
		return "a map"
	case tftypes.Object:
		return "an object"
	}
	switch {
	case t.Is(tftypes.String):
		return "a string"
	case t.Is(tftypes.Bool):
		return "a bool"
	case t.Is(tftypes.Number):
		return "a number"
	}
	return t.String()
}

// describe is how a message names a value that has the wrong type: by its
// type only. An argument may hold a sensitive value, and Terraform marks
// the function's result sensitive, but not its error messages.
func describe(v tftypes.Value) string {
	if v.IsNull() {
		return "null"
	}
	return typeName(v.Type())
}

// attributeList names attributes, sorted, in a message.
func attributeList(types map[string]tftypes.Type) string {
	return joinNames(slices.Sorted(maps.Keys(types)))
}

// joinNames is "a, b and c".
func joinNames(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// differ collects the differences found, and the inputs that turn out
// wrong only when compared.
type differ struct {
	lines []driftLine
	errs  []inputError
}

// driftLine is one difference, about the webhook of key.
type driftLine struct{ key, text string }

func (d *differ) add(key, format string, a ...any) {
	d.lines = append(d.lines, driftLine{key: key, text: fmt.Sprintf(format, a...)})
}

// compare compares the expected value want of the attribute path (name
// within it) with the attribute of the account's webhook of key; has holds
// the attributes of the object that holds it there (a webhook, or its
// oauth), index says which webhook of actual that is.
func (d *differ) compare(key, path, name string, want any, has map[string]any, index int) {
	got, ok := has[name]
	if !ok {
		d.errs = append(d.errs, inputError{arg: argActual, msg: fmt.Sprintf(
			"actual[%d] (key %q) has no attribute %q, which expected[%q] compares: give the webhooks attribute of eightxeight_webhooks",
			index, key, path, key)})
		return
	}
	wantObject, isObject := want.(map[string]any)
	gotObject, gotIsObject := got.(map[string]any)
	if !isObject || !gotIsObject {
		if !sameValue(want, got) {
			d.add(key, "%s is %s in the account, expected %s", path, formatValue(got), formatValue(want))
		}
		return
	}
	for _, sub := range slices.Sorted(maps.Keys(wantObject)) {
		d.compare(key, path+"."+sub, sub, wantObject[sub], gotObject, index)
	}
}

// sameValue reports whether two compared values are equal; objects never
// are (compare takes them attribute by attribute).
func sameValue(a, b any) bool {
	switch a := a.(type) {
	case nil:
		return b == nil
	case string:
		bs, ok := b.(string)
		return ok && a == bs
	case bool:
		bb, ok := b.(bool)
		return ok && a == bb
	}
	return false
}

// formatValue writes a compared value as Terraform would, strings quoted
// so that white space and invisible characters show.
func formatValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(v)
	case bool:
		return strconv.FormatBool(v)
	case map[string]any:
		parts := make([]string, 0, len(v))
		for _, name := range slices.Sorted(maps.Keys(v)) {
			parts = append(parts, name+" = "+formatValue(v[name]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprintf("%v", v)
}

// render is the lines, sorted by key, then text, each starting with its
// key.
func (d *differ) render() []string {
	slices.SortFunc(d.lines, func(a, b driftLine) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.text, b.text)) })
	out := make([]string, len(d.lines))
	for i, l := range d.lines {
		out[i] = displayKey(l.key) + ": " + l.text
	}
	return out
}

// displayKey is a key as a line starts with it: as it is, or quoted when
// it holds a character that would not show plainly (a control or
// invisible character, a quote, a backslash), a space at either end, or
// ": ", which would blur where it ends, and when it is empty.
func displayKey(key string) string {
	if key == "" || strconv.Quote(key) != `"`+key+`"` || strings.TrimSpace(key) != key || strings.Contains(key, ": ") {
		return strconv.Quote(key)
	}
	return key
}
