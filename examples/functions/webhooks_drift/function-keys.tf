# Sub-accounts that come from elsewhere: build their keys with webhook_key,
# which escapes and normalizes them as the data sources do.
variable "inbound_sub_accounts" {
  type    = map(string) # sub-account => URL
  default = { "Onion_Marketing" = "http://example.com/dr/sales" }
}

data "eightxeight_webhooks" "inbound" {
  account_id     = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
  type           = "MSG"
  sub_account_id = "Onion_Marketing"
}

output "inbound_drift" {
  value = provider::eightxeight::webhooks_drift(
    { for sub, url in var.inbound_sub_accounts : provider::eightxeight::webhook_key("MSG", sub) => { url = url } },
    data.eightxeight_webhooks.inbound.webhooks,
  )
}
