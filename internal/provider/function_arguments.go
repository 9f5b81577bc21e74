package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// rawDynamicType is the type of webhooks_drift's dynamic parameters: its
// values keep the tftypes.Value that Terraform sent, as it is. The
// framework's own dynamic type converts a value into framework values and
// back: with it, a call on 10,000 webhooks took 2.1 s, without it 0.57 s,
// most of which is terraform-plugin-go decoding the arguments
// (BenchmarkWebhooksDrift); a postcondition calls the function twice.
// webhooksDrift reads tftypes values anyway.
type rawDynamicType struct {
	basetypes.DynamicType
}

var (
	_ basetypes.DynamicTypable  = rawDynamicType{}
	_ basetypes.DynamicValuable = rawDynamicValue{}
)

func (t rawDynamicType) Equal(o attr.Type) bool {
	_, ok := o.(rawDynamicType)
	return ok
}

func (t rawDynamicType) String() string { return "provider.rawDynamicType" }

func (t rawDynamicType) ValueType(context.Context) attr.Value { return rawDynamicValue{} }

// ValueFromTerraform keeps in as it is.
func (t rawDynamicType) ValueFromTerraform(_ context.Context, in tftypes.Value) (attr.Value, error) {
	return rawDynamicValue{raw: in}, nil
}

func (t rawDynamicType) ValueFromDynamic(ctx context.Context, v basetypes.DynamicValue) (basetypes.DynamicValuable, diag.Diagnostics) {
	var diags diag.Diagnostics
	raw, err := v.ToTerraformValue(ctx)
	if err != nil {
		diags.AddError("Cannot convert a dynamic value", err.Error())
		return nil, diags
	}
	return rawDynamicValue{raw: raw}, diags
}

// rawDynamicValue is a value of rawDynamicType: what Terraform sent. The
// zero value is null.
type rawDynamicValue struct {
	raw tftypes.Value
}

// value is the value Terraform sent; a null of the dynamic pseudo-type for
// the zero rawDynamicValue.
func (v rawDynamicValue) value() tftypes.Value {
	if v.raw.Type() == nil {
		return tftypes.NewValue(tftypes.DynamicPseudoType, nil)
	}
	return v.raw
}

func (v rawDynamicValue) Type(context.Context) attr.Type { return rawDynamicType{} }

func (v rawDynamicValue) ToTerraformValue(context.Context) (tftypes.Value, error) {
	return v.value(), nil
}

func (v rawDynamicValue) Equal(o attr.Value) bool {
	other, ok := o.(rawDynamicValue)
	return ok && v.value().Equal(other.value())
}

func (v rawDynamicValue) IsNull() bool { return v.value().IsKnown() && v.value().IsNull() }

func (v rawDynamicValue) IsUnknown() bool { return !v.value().IsKnown() }

func (v rawDynamicValue) String() string { return v.value().String() }

func (v rawDynamicValue) ToDynamicValue(ctx context.Context) (basetypes.DynamicValue, diag.Diagnostics) {
	var diags diag.Diagnostics
	converted, err := basetypes.DynamicType{}.ValueFromTerraform(ctx, v.value())
	if err != nil {
		diags.AddError("Cannot convert a dynamic value", err.Error())
		return basetypes.NewDynamicUnknown(), diags
	}
	dv, ok := converted.(basetypes.DynamicValue)
	if !ok {
		diags.AddError("Cannot convert a dynamic value", "the framework's dynamic type made a "+converted.String())
		return basetypes.NewDynamicUnknown(), diags
	}
	return dv, diags
}
