# Outputs a pipeline can consume with `terraform output -json`: plain,
# non-sensitive values keyed by the pair that identifies a webhook.

terraform {
  required_providers {
    eightxeight = {
      source = "eightxeight/eightxeight"
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

output "webhooks" {
  description = "Every webhook, keyed \"TYPE/sub_account_id\"."
  value = {
    for w in data.eightxeight_webhooks.all.webhooks : "${coalesce(w.type, "-")}/${w.sub_account_id}" => {
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
