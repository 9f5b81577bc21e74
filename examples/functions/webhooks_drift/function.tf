data "eightxeight_webhooks" "all" {
  account_id = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
}

locals {
  # Every webhook the account must have, keyed by webhook key. Each entry
  # gives only the attributes to check; {} checks that the webhook exists.
  expected_webhooks = {
    "MSG/*"  = { url = "http://example.com/dr/general", enabled = true }
    "CABM/*" = { enabled = false }
    # No OAuth, but a static Authorization header.
    "MSG/Onion_Marketing" = { has_http_authorization = true, oauth = null }
    # Only these OAuth settings are checked.
    "CADR/Onion_Marketing" = { oauth = { client_id = "my-client-id", credentials_location = "header" } }
  }

  # One line per difference, e.g.
  #   MSG/*: url is "https://hijacked.example" in the account, expected "http://example.com/dr/general"
  # and [] when there is none.
  webhooks_drift = provider::eightxeight::webhooks_drift(local.expected_webhooks, data.eightxeight_webhooks.all.webhooks)
}

output "webhooks_drift" {
  value = local.webhooks_drift
}
