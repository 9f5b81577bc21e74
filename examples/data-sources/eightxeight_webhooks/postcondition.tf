# Usage with postcondition: `terraform plan` fails, with this message, when
# the account has no account-wide inbound (MSG) webhook.
data "eightxeight_webhooks" "inbound" {
  account_id = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
  type       = "MSG"

  lifecycle {
    postcondition {
      condition     = contains(self.webhooks[*].sub_account_id, "*")
      error_message = "No account-wide MSG webhook: inbound messages of sub-accounts without their own webhook are lost. MSG webhooks: ${jsonencode(self.webhooks[*].key)}."
    }
  }
}
