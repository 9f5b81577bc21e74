# Drift check, expected set: the account must have exactly the webhooks of
# local.expected_webhooks (expected_webhooks.tf, made by ../bootstrap and
# committed), with those attributes. webhooks_drift returns one line per
# difference: a webhook missing, one unexpected (added in the portal, say),
# an attribute changed. No state is needed: the expected set is code,
# reviewed like any other change.
#
# The check block only warns: the plan succeeds. In CI,
# ../../pipelines/drift-check.sh turns the plan into an exit code (0 no
# drift, 2 drift, 3 the 8x8 API could not be read, 1 any other error). The
# messages of the failed checks, from a saved plan:
#   terraform plan -input=false -out=tfplan
#   terraform show -json tfplan | jq -r '.checks[]? | select(.status == "fail") | .instances[] | select(.status == "fail") | .problems[].message'

terraform {
  # Provider functions need Terraform 1.8 or later (OpenTofu 1.7 or later:
  # lower this line there).
  required_version = ">= 1.8.0"

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

# Outside the check block, so that an 8x8 outage fails the plan instead of
# failing the check (a data source inside a check block only warns).
data "eightxeight_webhooks" "all" {
  account_id = var.account_id
}

locals {
  webhooks_drift = provider::eightxeight::webhooks_drift(local.expected_webhooks, data.eightxeight_webhooks.all.webhooks)
}

check "webhooks_as_expected" {
  assert {
    condition     = length(local.webhooks_drift) == 0
    error_message = join("\n", local.webhooks_drift)
  }
}
