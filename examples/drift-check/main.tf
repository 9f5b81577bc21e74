# A drift check for CI: the plan shows the webhooks, `check` blocks report
# rules that every plan re-evaluates (and HCP Terraform re-checks on a
# schedule), and a postcondition makes `terraform plan` itself fail when the
# one webhook that must never move has moved.
#
# In CI:
#   terraform plan -out=tfplan            # exits 1 on the postcondition
#   terraform show -json tfplan > plan.json
#   # fail on any failed check (check blocks are warnings, not errors):
#   jq -e '[.checks[]? | select(.status == "fail")] | length == 0' plan.json

terraform {
  required_providers {
    eightxeight = {
      source = "eightxeight/eightxeight"
    }
  }
}

variable "account_id" {
  type        = string
  description = "The 8x8 account to check."
}

variable "expected_receipts_url" {
  type        = string
  description = "Where the Onion_Marketing delivery receipts must go."
  default     = "http://example.com/dr/marketing"
}

provider "eightxeight" {}

data "eightxeight_webhooks" "enabled" {
  account_id = var.account_id
  enabled    = true
}

# Hard gate: `terraform plan` fails with this message when the webhook drifts.
data "eightxeight_webhook" "marketing_receipts" {
  account_id     = var.account_id
  type           = "CADR"
  sub_account_id = "Onion_Marketing"

  lifecycle {
    postcondition {
      condition     = self.enabled && self.url == var.expected_receipts_url
      error_message = "Drift: the CADR webhook of Onion_Marketing points at ${self.url} (enabled = ${self.enabled}); it must be ${var.expected_receipts_url}, enabled."
    }
  }
}

locals {
  not_https = [
    for w in data.eightxeight_webhooks.enabled.webhooks : "${w.key} -> ${w.url}"
    if !startswith(w.url, "https://")
  ]
}

check "enabled_webhooks_use_https" {
  assert {
    condition     = length(local.not_https) == 0
    error_message = "Enabled webhooks that do not use https: ${join(", ", local.not_https)}."
  }
}

check "account_wide_inbound_webhook_exists" {
  assert {
    condition     = anytrue([for w in data.eightxeight_webhooks.enabled.webhooks : w.type == "MSG" && w.sub_account_id == "*"])
    error_message = "No enabled account-wide (sub_account_id = \"*\") MSG webhook: inbound messages of new sub-accounts would be lost."
  }
}
