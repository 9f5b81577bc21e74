data "eightxeight_webhooks" "all" {
  account_id = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
}

# Filters combine with AND; no match is an empty list, not an error. A
# type or sub_account_id the account has no webhook of adds a warning.
data "eightxeight_webhooks" "disabled" {
  account_id = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
  enabled    = false
}

data "eightxeight_webhooks" "account_wide_inbound" {
  account_id     = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
  type           = "MSG"
  sub_account_id = "*"
}

# Nothing in the list is sensitive: use it in any expression.
locals {
  webhook_urls          = distinct([for w in data.eightxeight_webhooks.all.webhooks : w.url])
  delivery_receipt_urls = { for w in data.eightxeight_webhooks.all.webhooks : w.sub_account_id => w.url if w.type == "CADR" }
  disabled_keys         = data.eightxeight_webhooks.disabled.webhooks[*].key
}
