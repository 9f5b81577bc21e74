# Drift check, hard gate: a postcondition makes `terraform plan` itself fail
# (exit code 1) with a message naming the drift. Use it for what must never
# change; any plan of the configuration stops until it holds again.
#
# In CI:
#   terraform plan -input=false   # fails the job on drift, and on an 8x8 outage
# ../../pipelines/drift-check.sh tells the two apart (exit 2: drift, 3: the
# 8x8 API could not be read).

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

variable "expected_receipts_url" {
  type        = string
  description = "Where the Onion_Marketing delivery receipts must go."
  default     = "http://example.com/dr/marketing"
}

data "eightxeight_webhook" "marketing_receipts" {
  account_id = var.account_id
  key        = "CADR/Onion_Marketing"

  lifecycle {
    postcondition {
      condition     = self.enabled && self.url == var.expected_receipts_url
      error_message = "Drift: the CADR webhook of Onion_Marketing points at ${self.url} (enabled = ${self.enabled}); it must be ${var.expected_receipts_url}, enabled."
    }
  }
}

data "eightxeight_webhooks" "inbound" {
  account_id = var.account_id
  type       = "MSG"

  lifecycle {
    postcondition {
      condition     = contains(self.webhooks[*].sub_account_id, "*")
      error_message = "Drift: no account-wide MSG webhook; inbound messages of new sub-accounts would be lost."
    }
  }
}
