# A hard gate: `terraform plan` fails, listing every difference, when the
# account drifts. (Both data sources share one API request.)
data "eightxeight_webhooks" "gate" {
  account_id = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"

  lifecycle {
    postcondition {
      condition     = length(provider::eightxeight::webhooks_drift(local.expected_webhooks, self.webhooks)) == 0
      error_message = join("\n", provider::eightxeight::webhooks_drift(local.expected_webhooks, self.webhooks))
    }
  }
}
