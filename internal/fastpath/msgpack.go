package fastpath

import (
	"bytes"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"
)

// encoder writes a value of one Terraform type in MessagePack, the wire
// form of state, as terraform-plugin-go's tftypes.Value.MarshalMsgPack does
// (with map keys sorted), but without building an attribute path for every
// value, which is most of that encoder's time on a big state. It knows the
// types the data sources' state is made of: newEncoder refuses any other,
// and NewServer then leaves that data source to the framework.
type encoder func(enc *msgpack.Encoder, v tftypes.Value) error

// newEncoder compiles the encoder of values of type t.
func newEncoder(t tftypes.Type) (encoder, error) {
	var encode encoder
	switch t := t.(type) {
	case tftypes.Object:
		names := make([]string, 0, len(t.AttributeTypes))
		for name := range t.AttributeTypes {
			names = append(names, name)
		}
		slices.Sort(names)
		attrs := make([]encoder, len(names))
		for i, name := range names {
			var err error
			if attrs[i], err = newEncoder(t.AttributeTypes[name]); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
		}
		encode = func(enc *msgpack.Encoder, v tftypes.Value) error {
			var m map[string]tftypes.Value
			if err := v.As(&m); err != nil {
				return err
			}
			if err := enc.EncodeMapLen(len(names)); err != nil {
				return err
			}
			for i, name := range names {
				a, ok := m[name]
				if !ok {
					return fmt.Errorf("no value for attribute %q", name)
				}
				if err := enc.EncodeString(name); err != nil {
					return err
				}
				if err := attrs[i](enc, a); err != nil {
					return err
				}
			}
			return nil
		}
	case tftypes.List:
		elem, err := newEncoder(t.ElementType)
		if err != nil {
			return nil, err
		}
		encode = func(enc *msgpack.Encoder, v tftypes.Value) error {
			var l []tftypes.Value
			if err := v.As(&l); err != nil {
				return err
			}
			if err := enc.EncodeArrayLen(len(l)); err != nil {
				return err
			}
			for _, e := range l {
				if err := elem(enc, e); err != nil {
					return err
				}
			}
			return nil
		}
	case tftypes.Map:
		elem, err := newEncoder(t.ElementType)
		if err != nil {
			return nil, err
		}
		encode = func(enc *msgpack.Encoder, v tftypes.Value) error {
			var m map[string]tftypes.Value
			if err := v.As(&m); err != nil {
				return err
			}
			if err := enc.EncodeMapLen(len(m)); err != nil {
				return err
			}
			for _, k := range slices.Sorted(maps.Keys(m)) {
				if err := enc.EncodeString(k); err != nil {
					return err
				}
				if err := elem(enc, m[k]); err != nil {
					return err
				}
			}
			return nil
		}
	default:
		switch {
		case t.Is(tftypes.String):
			encode = func(enc *msgpack.Encoder, v tftypes.Value) error {
				var s string
				if err := v.As(&s); err != nil {
					return err
				}
				return enc.EncodeString(s)
			}
		case t.Is(tftypes.Bool):
			encode = func(enc *msgpack.Encoder, v tftypes.Value) error {
				var b bool
				if err := v.As(&b); err != nil {
					return err
				}
				return enc.EncodeBool(b)
			}
		default:
			return nil, fmt.Errorf("no MessagePack encoder for %s", t)
		}
	}
	return func(enc *msgpack.Encoder, v tftypes.Value) error {
		switch {
		case !v.IsKnown():
			return fmt.Errorf("unknown value of %s in state", v.Type())
		case v.IsNull():
			return enc.EncodeNil()
		}
		return encode(enc, v)
	}, nil
}

// dynamicValue encodes a state value for the protocol.
func (e encoder) dynamicValue(state tftypes.Value) (tfprotov6.DynamicValue, error) {
	var buf bytes.Buffer
	if err := e(msgpack.NewEncoder(&buf), state); err != nil {
		return tfprotov6.DynamicValue{}, err
	}
	return tfprotov6.DynamicValue{MsgPack: buf.Bytes()}, nil
}
