# Drift check, any change: the webhooks are outputs, recorded in the state by
# one approved `terraform apply`. From then on `terraform plan
# -detailed-exitcode` exits 2 when anything about them changed (a URL, a
# webhook added, removed or disabled, its authentication changed) and 0 when
# nothing did: no rule to write, every change to review. Re-apply to accept
# a change as the new baseline.
#
# Once, and after each accepted change:
#   terraform apply -input=false
# In CI (keep the state where the pipeline finds it, e.g. a backend):
#   terraform plan -input=false -detailed-exitcode   # 0: no drift, 2: drift, 1: error

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

data "eightxeight_webhooks" "all" {
  account_id = var.account_id
}

output "webhooks" {
  description = "The baseline: every webhook of the account, keyed \"<type>/<sub_account_id>\"."
  value       = { for w in data.eightxeight_webhooks.all.webhooks : w.key => w }
}
