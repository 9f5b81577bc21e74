# Drift check, report: `check` blocks are re-evaluated by every plan (and by
# HCP Terraform health assessments) but only warn, so a failing rule does
# not block anything else the configuration manages. CI reads their results
# from the plan's JSON and decides.
#
# In CI, ../../pipelines/drift-check.sh exits 2 when a check fails, printing
# its message (3 when the 8x8 API could not be read). By hand, the messages
# of the failed checks:
#   terraform plan -input=false -out=tfplan
#   terraform show -json tfplan | jq -r '.checks[]? | select(.status == "fail") | .instances[] | select(.status == "fail") | .problems[].message'

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    eightxeight = {
      source  = "eightxeight/eightxeight"
      version = "~> 0.1"
    }
  }
}

variable "account_id" {
  type        = string
  description = "The 8x8 account to check."
}

# Settings from the environment: EIGHTXEIGHT_API_KEY, and EIGHTXEIGHT_REGION
# when the account is not in asia-pacific.
provider "eightxeight" {}

data "eightxeight_webhooks" "enabled" {
  account_id = var.account_id
  enabled    = true
}

locals {
  not_https = [for w in data.eightxeight_webhooks.enabled.webhooks : "${w.key} -> ${w.url}" if !startswith(w.url, "https://")]
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
