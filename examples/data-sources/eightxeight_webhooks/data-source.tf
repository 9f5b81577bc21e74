data "eightxeight_webhooks" "all" {
  account_id = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
}

# Filters combine with AND; no match is an empty list, not an error.
data "eightxeight_webhooks" "disabled" {
  account_id = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
  enabled    = false
}

data "eightxeight_webhooks" "account_wide_inbound" {
  account_id     = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
  type           = "MSG"
  sub_account_id = "*"
}

# Every webhook URL, e.g. for a firewall or load balancer rule.
output "webhook_urls" {
  value = distinct([for w in data.eightxeight_webhooks.all.webhooks : w.url])
}

# The delivery-receipt webhook of each sub-account ("*" is the account-wide one).
output "delivery_receipt_urls" {
  value = { for w in data.eightxeight_webhooks.all.webhooks : w.sub_account_id => w.url if w.type == "CADR" }
}

output "disabled_webhooks" {
  value = [for w in data.eightxeight_webhooks.disabled.webhooks : "${w.type} ${w.sub_account_id}"]
}
