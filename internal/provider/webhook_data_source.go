package provider

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*webhookDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*webhookDataSource)(nil)
)

// NewWebhookDataSource returns the eightxeight_webhook data source.
func NewWebhookDataSource() datasource.DataSource { return &webhookDataSource{} }

type webhookDataSource struct{ withAccounts }

// webhookModel is the configuration and state of eightxeight_webhook.
type webhookModel struct {
	AccountID            types.String `tfsdk:"account_id"`
	Key                  types.String `tfsdk:"key"`
	Type                 types.String `tfsdk:"type"`
	SubAccountID         types.String `tfsdk:"sub_account_id"`
	URL                  types.String `tfsdk:"url"`
	Enabled              types.Bool   `tfsdk:"enabled"`
	HasHTTPAuthorization types.Bool   `tfsdk:"has_http_authorization"`
	HasOAuth             types.Bool   `tfsdk:"has_oauth"`
	OAuth                types.Object `tfsdk:"oauth"`
	HTTPAuthorization    types.String `tfsdk:"http_authorization"`
	OAuthClientSecret    types.String `tfsdk:"oauth_client_secret"`
}

func (d *webhookDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook"
}

func (d *webhookDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := webhookAttributes()
	for name, a := range secretAttributes(true) {
		attrs[name] = a
	}
	attrs["account_id"] = accountIDAttribute()
	attrs["type"] = schema.StringAttribute{
		Optional: true, Computed: true,
		MarkdownDescription: "The webhook's type: `CADR` (delivery receipts), `MSG` (inbound messages), `CABM` " +
			"(WhatsApp business-management events) or any type the API returns. Exact, case-sensitive match. Give it with " +
			"`sub_account_id`, or give `key` instead; null when the webhook has no type.",
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["sub_account_id"] = schema.StringAttribute{
		Optional: true, Computed: true,
		MarkdownDescription: "The webhook's sub-account; `*` for the account-wide webhook. Exact match. Give it with `type`, " +
			"or give `key` instead.",
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["key"] = schema.StringAttribute{
		Optional: true, Computed: true,
		MarkdownDescription: "Selects the webhook by its key instead of `type` and `sub_account_id`: " + keyDoc +
			" The only way to select a webhook that has no type, e.g. `key = \"/Onion_Marketing\"`.",
		Validators: []validator.String{keyValidator{}},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One webhook of an 8x8 Chat Apps account, found by `type` and `sub_account_id` (the pair by which " +
			"8x8 identifies a webhook) or by `key`. The natural source for feeding one webhook URL into another resource. No " +
			"such webhook is an error that lists the keys the account does have. Reads through the same single request " +
			"per account as `eightxeight_webhooks`.",
		Attributes: attrs,
	}
}

// keyValidator checks that key is "<type>/<sub_account_id>": an optional
// type, a slash, a sub-account. Its error quotes the value only when what
// stands before any slash looks like a type (typeLike), never
// another value (the API key, mistaken for key, say), which it describes
// by its length. (The framework's RegexMatches quotes any value.)
type keyValidator struct{}

const keyShape = `A key is "<type>/<sub_account_id>", e.g. "CADR/Onion_Marketing", "MSG/*", or "/Onion_Marketing" for a webhook without a type.`

func (keyValidator) Description(context.Context) string {
	return `must be "<type>/<sub_account_id>"`
}

func (v keyValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (keyValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	key := req.ConfigValue.ValueString()
	typ, sub, slash := strings.Cut(key, "/")
	if slash && sub != "" {
		return
	}
	problem := `it has no "/"`
	if slash {
		problem = `nothing follows the "/"`
	}
	detail := fmt.Sprintf("%s is not a webhook key: %s. %s", shown(key, typeLike(typ)), problem, keyShape)
	if !typeLike(typ) {
		detail += " key selects a webhook of the account; the 8x8 API key is api_key, in the provider block."
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid key", detail)
}

func (d *webhookDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{selectorValidator{}}
}

// selectorValidator checks that the configuration selects one webhook:
// by key, or by type and sub_account_id together. One message per wrong
// combination (the generic validators' messages contradicted each other).
type selectorValidator struct{}

const selectorDoc = "select the webhook by `key`, or by `type` and `sub_account_id` together"

func (selectorValidator) Description(context.Context) string {
	return strings.ReplaceAll(selectorDoc, "`", "")
}

func (v selectorValidator) MarkdownDescription(context.Context) string { return selectorDoc }

func (selectorValidator) ValidateDataSource(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var key, typ, sub types.String
	for name, dst := range map[string]*types.String{"key": &key, "type": &typ, "sub_account_id": &sub} {
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(name), dst)...)
	}
	if resp.Diagnostics.HasError() || key.IsUnknown() || typ.IsUnknown() || sub.IsUnknown() {
		return
	}
	const summary = "Select one webhook"
	example := "Set key (e.g. key = \"CADR/Onion_Marketing\"), or type and sub_account_id (e.g. type = \"CADR\" and sub_account_id = \"Onion_Marketing\")."
	switch {
	case !key.IsNull() && (!typ.IsNull() || !sub.IsNull()):
		resp.Diagnostics.AddAttributeError(path.Root("key"), summary,
			"key selects the webhook on its own: remove type and sub_account_id, or remove key.")
	case key.IsNull() && typ.IsNull() && sub.IsNull():
		resp.Diagnostics.AddError(summary, "Nothing selects the webhook. "+example)
	case key.IsNull() && typ.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("type"), summary, fmt.Sprintf("sub_account_id selects the webhook together "+
			"with type: set type as well (e.g. type = \"CADR\"), or, for the webhook of this sub-account that has no type, set "+
			"key = %s instead of sub_account_id.", hclString(keyOf("", sub.ValueString()))))
	case key.IsNull() && sub.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("sub_account_id"), summary,
			"type selects the webhook together with sub_account_id: set sub_account_id as well (\"*\" for the account-wide webhook), or set key instead.")
	}
}

func (d *webhookDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWith(ctx, d.readState, req, resp)
}

// readState reads the account and returns the data source's state: the
// one webhook selected.
func (d *webhookDataSource) readState(ctx context.Context, config tfsdk.Config) (tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	var m webhookModel
	if diags.Append(config.Get(ctx, &m)...); diags.HasError() {
		return tftypes.Value{}, diags
	}
	if !requireKnown(&diags, argument{"account_id", m.AccountID}, argument{"type", m.Type},
		argument{"sub_account_id", m.SubAccountID}, argument{"key", m.Key}) {
		return tftypes.Value{}, diags
	}
	accountID := m.AccountID.ValueString()
	typ, sub, key := m.Type.ValueStringPointer(), m.SubAccountID.ValueStringPointer(), m.Key.ValueStringPointer()
	var match func(client.Webhook) bool
	at := path.Root("key")
	switch {
	case key != nil:
		match = func(w client.Webhook) bool { return webhookKey(w) == *key }
	case typ != nil && sub != nil:
		match = func(w client.Webhook) bool { return w.Type == *typ && w.SubAccountID == *sub }
		at = path.Root("type")
	default: // selectorValidator makes this unreachable from Terraform
		diags.AddError("Select one webhook", "Set key, or type and sub_account_id.")
		return tftypes.Value{}, diags
	}
	hooks, ok := accountWebhooks(ctx, d.accounts, accountID, &diags)
	if !ok {
		return tftypes.Value{}, diags
	}
	var found []client.Webhook
	for _, w := range hooks {
		if match(w) {
			found = append(found, w)
		}
	}
	what, want := selection(key, typ, sub)
	switch {
	case len(found) == 0:
		diags.AddAttributeError(at, "No such webhook", noSuchWebhook(accountID, what, want, hooks))
		return tftypes.Value{}, diags
	case len(found) > 1:
		diags.AddWarning("More than one webhook matched",
			fmt.Sprintf("The 8x8 API returned %d webhooks %s in account %s, though it keeps one per (type, sub-account) pair; "+
				"this data source shows the first in the documented order.", len(found), what, accountID))
	}
	state := stateFromConfig(config.Raw, &diags, webhookValues(found[0]), secretValues(found[0]))
	return state, diags
}

// selection says what the configuration selects, by key or by type and
// sub-account, for a message (what), and the key of the webhook it selects
// (want).
//
// A key or type whose type does not look like one (typeLike: the API key
// mistaken for key, say) is described by its length, not shown.
func selection(key, typ, sub *string) (what, want string) {
	if key != nil {
		if t, _, _ := strings.Cut(*key, "/"); !typeLike(t) {
			return fmt.Sprintf(`with the key given (%s, not shown: what stands before its "/" is no webhook type)`,
				plural(utf8.RuneCountInString(*key), "character")), *key
		}
		return "with key " + hclString(*key), *key
	}
	want = webhookKey(client.Webhook{Type: deref(typ), SubAccountID: deref(sub)})
	if !typeLike(deref(typ)) {
		return fmt.Sprintf("of %s for sub-account %s", typeNotShown(deref(typ)), hclString(deref(sub))), want
	}
	return fmt.Sprintf("of type %s for sub-account %s", hclString(deref(typ)), hclString(deref(sub))), want
}

// noSuchWebhook is the detail of the error for a webhook the account does
// not have: what was asked for (what, the key want), the key that differs
// only in case or the sub-account's webhook without a type, and the keys
// the account has.
func noSuchWebhook(accountID, what, want string, hooks []client.Webhook) string {
	return fmt.Sprintf("Account %s has no webhook %s.%s%s\n\n%s", accountID, what, didYouMean(want, hooks), typeless(want, hooks), existingKeys(hooks))
}

// existingKeys lists the keys an account has, the first of them when
// there are many, for an error message.
func existingKeys(hooks []client.Webhook) string {
	if len(hooks) == 0 {
		return "The account has no webhooks at all."
	}
	keys := make([]string, len(hooks))
	for i, w := range hooks {
		keys[i] = webhookKey(w)
	}
	return fmt.Sprintf("The account's %d webhooks, by key (\"<type>/<sub_account_id>\"):\n  %s", len(keys), strings.Join(quoted(keys, maxListed), "\n  "))
}

// maxListed is how many keys an error lists.
const maxListed = 50

// didYouMean names the key that differs from want only in case, if any.
func didYouMean(want string, hooks []client.Webhook) string {
	for _, w := range hooks {
		if k := webhookKey(w); strings.EqualFold(k, want) {
			return fmt.Sprintf(" Keys, types and sub-accounts match exactly: did you mean %s?", hclString(k))
		}
	}
	return ""
}

// typeless names the webhook without a type of the sub-account of want, a
// key with a type, if the account has one: 8x8 lets a webhook have no
// type, and only its key, "/<sub_account_id>", selects it.
func typeless(want string, hooks []client.Webhook) string {
	typ, sub, _ := strings.Cut(want, "/")
	if typ == "" {
		return ""
	}
	for _, w := range hooks {
		if w.Type == "" && w.SubAccountID == sub {
			return fmt.Sprintf(" The account has a webhook of sub-account %s without a type: select it with key = %s.", hclString(sub), hclString(webhookKey(w)))
		}
	}
	return ""
}

// hclString is s as an HCL string literal, to paste into a configuration:
// escaped as HCL reads it, with ${ and %{ doubled so that they are not
// template sequences.
func hclString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r > 0xFFFF && !unicode.IsPrint(r):
			fmt.Fprintf(&b, `\U%08X`, r)
		case !unicode.IsPrint(r):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return strings.NewReplacer("${", "$${", "%{", "%%{").Replace(b.String())
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
