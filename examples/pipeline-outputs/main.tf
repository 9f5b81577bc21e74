# Outputs a pipeline can consume with `terraform output -json`: plain,
# non-sensitive values keyed by the pair that identifies a webhook.

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
  type = string
}

provider "eightxeight" {}

data "eightxeight_webhooks" "all" {
  account_id = var.account_id
}

# Nothing in the list is sensitive: it can be output as it is.
output "all_webhooks" {
  description = "Every webhook of the account, as the data source reads it."
  value       = data.eightxeight_webhooks.all.webhooks
}

output "webhooks" {
  description = "Every webhook, keyed \"<type>/<sub_account_id>\"."
  value = {
    for w in data.eightxeight_webhooks.all.webhooks : w.key => {
      url     = w.url
      enabled = w.enabled
      auth    = w.has_oauth ? "oauth" : (w.has_http_authorization ? "http_authorization" : "none")
    }
  }
}

output "webhook_hosts" {
  description = "Distinct host names 8x8 delivers to, e.g. for a firewall allow-list."
  value       = sort(distinct([for w in data.eightxeight_webhooks.all.webhooks : regex("^https?://([^/:]+)", w.url)[0]]))
}

output "disabled_count" {
  value = length([for w in data.eightxeight_webhooks.all.webhooks : w.url if !w.enabled])
}
