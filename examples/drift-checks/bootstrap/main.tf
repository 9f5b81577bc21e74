# Bootstrap of an expected set: turns the account as it is today into the
# map that ../expected-set checks the account against. Run it once, review
# what it prints (is every webhook meant to be there?), paste it, commit it;
# run it again after an approved change. It only reads, and keeps its state
# in this folder.
#
#   terraform apply -input=false
#   terraform output expected_webhooks   # HCL: paste it after "expected_webhooks =" in expected_webhooks.tf
#
# `terraform output -json expected_webhooks` prints the same value as JSON,
# which a .tf file reads too; after the apply, `terraform console` prints
# local.expected_webhooks as `terraform output` does.

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
  description = "The 8x8 account whose webhooks become the expected set."
}

# Settings from the environment: EIGHTXEIGHT_API_KEY, and EIGHTXEIGHT_REGION
# when the account is not in asia-pacific.
provider "eightxeight" {}

data "eightxeight_webhooks" "all" {
  account_id = var.account_id
}

locals {
  # Every webhook, keyed by webhook key, with every attribute that
  # webhooks_drift compares. Delete an attribute from an entry to stop
  # checking it (an entry of {} checks only that the webhook exists).
  expected_webhooks = {
    for w in data.eightxeight_webhooks.all.webhooks : w.key => {
      url                    = w.url
      enabled                = w.enabled
      has_http_authorization = w.has_http_authorization
      has_oauth              = w.has_oauth
      oauth                  = w.oauth
    }
  }
}

output "expected_webhooks" {
  description = "Paste into expected_webhooks.tf of ../expected-set: locals { expected_webhooks = <this value> }."
  value       = local.expected_webhooks
}
