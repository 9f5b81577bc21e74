# The key the data sources give the webhook of a type and sub-account.
output "sales_receipts_key" {
  value = provider::eightxeight::webhook_key("CADR", "Sales") # "CADR/Sales"
}

# A webhook without a type: "" for the type. (Terraform takes null too;
# OpenTofu 1.12 cannot pass null to a provider function.)
output "legacy_key" {
  value = provider::eightxeight::webhook_key("", "Legacy") # "/Legacy"
}

data "eightxeight_webhooks" "all" {
  account_id = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
}

# Look webhooks up by type and sub-account, in the list keyed by key or in
# credentials, without writing keys by hand.
locals {
  webhooks_by_key    = { for w in data.eightxeight_webhooks.all.webhooks : w.key => w }
  marketing_receipts = local.webhooks_by_key[provider::eightxeight::webhook_key("CADR", "Onion_Marketing")]
  marketing_secrets  = data.eightxeight_webhooks.all.credentials[provider::eightxeight::webhook_key("CADR", "Onion_Marketing")]
}

output "marketing_receipts_url" {
  value = local.marketing_receipts.url
}
