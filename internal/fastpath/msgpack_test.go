package fastpath

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The compiled encoder writes what terraform-plugin-go's would: decoded,
// the same value for every state, random and adversarial (invalid UTF-8,
// NUL, the size boundaries of every MessagePack string, array and map
// header, 0 to 65,537 elements); the same bytes where no map has two
// entries or more (terraform-plugin-go leaves map order to chance; this
// encoder sorts the keys).
func TestEncoder_sameValueAsTerraformPluginGo(t *testing.T) {
	listType, oneType := dataSourceType(t, "eightxeight_webhooks"), dataSourceType(t, "eightxeight_webhook")
	r := rand.New(rand.NewPCG(1, 2))
	var cases []encoderCase
	// Random states of both data sources, small and at the size boundaries
	// of MessagePack's array and map headers (fixed up to 15, 16 bits up to
	// 65,535, then 32 bits).
	for _, n := range []int{0, 1, 2, 15, 16, 17} {
		for range 8 {
			cases = append(cases, encoderCase{fmt.Sprintf("list state, %d webhooks", n), randomValue(r, listType, n)})
		}
	}
	for range 40 {
		cases = append(cases, encoderCase{"one webhook", randomValue(r, oneType, 1)})
	}
	// The largest header sizes, with cheap elements.
	for _, n := range []int{65535, 65536, 65537} {
		cases = append(cases,
			encoderCase{fmt.Sprintf("list of %d strings", n), randomValue(r, tftypes.List{ElementType: tftypes.String}, n)},
			encoderCase{fmt.Sprintf("map of %d bools", n), randomValue(r, tftypes.Map{ElementType: tftypes.Bool}, n)})
	}
	// Every string header size, and strings that are not text.
	for _, s := range adversarialStrings {
		cases = append(cases, encoderCase{fmt.Sprintf("string of %d bytes", len(s)),
			tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"s": tftypes.String, "m": tftypes.Map{ElementType: tftypes.String}}},
				map[string]tftypes.Value{"s": str(s), "m": tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{s: str(s)})})})
	}
	for _, c := range cases {
		checkEncoder(t, c.name, c.value)
	}
}

type encoderCase struct {
	name  string
	value tftypes.Value
}

// FuzzEncoder encodes states made of the fuzzer's bytes both ways.
func FuzzEncoder(f *testing.F) {
	f.Add([]byte("CADR\xffOnion_Marketing\xffhttps://example.com/dr\xff\x00\xff\xc3\x28"))
	f.Add([]byte(strings.Repeat("a", 40) + "\xff\xff\xff"))
	listType := tftypes.List{ElementType: tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"s": tftypes.String, "b": tftypes.Bool, "m": tftypes.Map{ElementType: tftypes.String},
	}}}
	f.Fuzz(func(t *testing.T, data []byte) {
		parts := bytes.Split(data, []byte{0xff})
		parts = parts[:min(len(parts), 64)] // each element's map holds the parts before it
		elems := make([]tftypes.Value, 0, len(parts))
		elemType := listType.ElementType
		for i, p := range parts {
			s := tftypes.NewValue(tftypes.String, string(p))
			if len(p) == 0 {
				s = tftypes.NewValue(tftypes.String, nil)
			}
			m := map[string]tftypes.Value{}
			for _, q := range parts[:i] {
				m[string(q)] = str(string(p))
			}
			elems = append(elems, tftypes.NewValue(elemType, map[string]tftypes.Value{
				"s": s, "b": tftypes.NewValue(tftypes.Bool, len(p)%2 == 0), "m": tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, m),
			}))
		}
		checkEncoder(t, "fuzzed", tftypes.NewValue(listType, elems))
	})
}

// checkEncoder encodes v with a compiled encoder and with
// terraform-plugin-go's, and compares what each decodes to.
func checkEncoder(t *testing.T, name string, v tftypes.Value) {
	t.Helper()
	enc, err := newEncoder(v.Type())
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	ours, err := enc.dynamicValue(v)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	theirs, err := tfprotov6.NewDynamicValue(v.Type(), v)
	if err != nil {
		t.Fatalf("%s: terraform-plugin-go: %v", name, err)
	}
	back, err := ours.Unmarshal(v.Type())
	if err != nil {
		t.Fatalf("%s: terraform-plugin-go cannot read it back: %v", name, err)
	}
	if !back.Equal(v) {
		t.Errorf("%s: read back a different value", name)
	}
	if !hasMapOfTwo(v) && !bytes.Equal(ours.MsgPack, theirs.MsgPack) {
		t.Errorf("%s: bytes differ from terraform-plugin-go's", name)
	}
	if again, _ := enc.dynamicValue(v); !bytes.Equal(again.MsgPack, ours.MsgPack) {
		t.Errorf("%s: two encodings of one value differ", name)
	}
}

// hasMapOfTwo reports whether v holds a map of two entries or more.
func hasMapOfTwo(v tftypes.Value) bool {
	found := false
	_ = tftypes.Walk(v, func(_ *tftypes.AttributePath, v tftypes.Value) (bool, error) {
		if _, ok := v.Type().(tftypes.Map); ok && v.IsKnown() && !v.IsNull() {
			var m map[string]tftypes.Value
			if err := v.As(&m); err == nil && len(m) > 1 {
				found = true
			}
		}
		return !found, nil
	})
	return found
}

// adversarialStrings are strings at every MessagePack string header
// boundary (fixstr up to 31 bytes, str8 to 255, str16 to 65,535, then
// str32), and strings that are not valid UTF-8 or hold NUL.
var adversarialStrings = func() []string {
	out := []string{"", "\x00", "a\x00b", "\xc3\x28", "\xff\xfe", "\xed\xa0\x80", "caf\u00e9", "cafe\u0301"}
	for _, n := range []int{31, 32, 255, 256, 65535, 65536, 65537} {
		out = append(out, strings.Repeat("x", n-1)+"\xff")
	}
	return out
}()

// randomValue is a random value of t. Lists and maps of an object type, and
// the top-level lists and maps of other types, have n elements; nested
// ones have up to 3. Strings are random bytes, or in small values also
// adversarialStrings; any value below the top may be null.
func randomValue(r *rand.Rand, t tftypes.Type, n int) tftypes.Value {
	return randomOf(r, t, n, true)
}

func randomOf(r *rand.Rand, t tftypes.Type, n int, top bool) tftypes.Value {
	if !top && r.IntN(6) == 0 {
		return tftypes.NewValue(t, nil)
	}
	size := n
	if !top {
		size = r.IntN(4)
	}
	switch t := t.(type) {
	case tftypes.Object:
		attrs := map[string]tftypes.Value{}
		for name, at := range t.AttributeTypes {
			attrs[name] = randomOf(r, at, n, false)
		}
		return tftypes.NewValue(t, attrs)
	case tftypes.List:
		if _, ok := t.ElementType.(tftypes.Object); ok {
			size = n
		}
		elems := make([]tftypes.Value, size)
		for i := range elems {
			elems[i] = randomOf(r, t.ElementType, n, false)
		}
		return tftypes.NewValue(t, elems)
	case tftypes.Map:
		if _, ok := t.ElementType.(tftypes.Object); ok {
			size = n
		}
		elems := make(map[string]tftypes.Value, size)
		for i := range size {
			elems[fmt.Sprintf("%s/%d", randomString(r, false), i)] = randomOf(r, t.ElementType, n, false)
		}
		return tftypes.NewValue(t, elems)
	}
	switch {
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, r.IntN(2) == 0)
	case t.Is(tftypes.String):
		return tftypes.NewValue(t, randomString(r, n <= 17)) // no long strings in the big lists
	}
	panic(fmt.Sprintf("no random values of %s", t))
}

func randomString(r *rand.Rand, long bool) string {
	if long && r.IntN(8) == 0 {
		return adversarialStrings[r.IntN(len(adversarialStrings))]
	}
	b := make([]byte, r.IntN(40))
	for i := range b {
		b[i] = byte(r.IntN(256))
	}
	return string(b)
}
