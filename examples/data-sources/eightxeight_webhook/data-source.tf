# The delivery-receipt webhook of the Onion_Marketing sub-account. No such
# webhook is an error that lists the keys ("<type>/<sub_account_id>") the
# account does have.
data "eightxeight_webhook" "marketing_receipts" {
  account_id     = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
  type           = "CADR"
  sub_account_id = "Onion_Marketing"
}

# Feed its URL into another resource: a DNS record, a load balancer rule, an
# alert. Here terraform_data stands in for it, taking the host name.
resource "terraform_data" "receipts_endpoint" {
  input = {
    host    = regex("^https?://([^/:]+)", data.eightxeight_webhook.marketing_receipts.url)[0]
    enabled = data.eightxeight_webhook.marketing_receipts.enabled
  }
}

# The same webhook by key; a webhook without a type has the key
# "/<sub_account_id>".
data "eightxeight_webhook" "account_wide_inbound" {
  account_id = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
  key        = "MSG/*"
}
