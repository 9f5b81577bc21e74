variable "expected_receipts_url" {
  type    = string
  default = "http://example.com/dr/marketing"
}

# Usage with postcondition: `terraform plan` fails, with this message, when
# the webhook has moved or was disabled.
data "eightxeight_webhook" "pinned_receipts" {
  account_id = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
  key        = "CADR/Onion_Marketing"

  lifecycle {
    postcondition {
      condition     = self.enabled && self.url == var.expected_receipts_url
      error_message = "The CADR webhook of Onion_Marketing points at ${self.url} (enabled = ${self.enabled}); it must be ${var.expected_receipts_url}, enabled."
    }
  }
}

# Usage with precondition: a resource that needs the webhook to use OAuth
# refuses to be planned otherwise.
resource "terraform_data" "token_endpoint_allowlist" {
  input = try(data.eightxeight_webhook.pinned_receipts.oauth.url, null)

  lifecycle {
    precondition {
      condition     = data.eightxeight_webhook.pinned_receipts.has_oauth
      error_message = "The receipts webhook does not use OAuth, so it has no token endpoint to allow."
    }
  }
}
