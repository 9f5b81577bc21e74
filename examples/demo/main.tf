# The configuration `make demo` plans and applies against the in-repo 8x8 API
# emulator. Against the real API it needs only the environment variables
# EIGHTXEIGHT_API_KEY (and EIGHTXEIGHT_REGION when the account is not in
# asia-pacific) and TF_VAR_account_id. It only reads: data sources and outputs.

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
  description = "The 8x8 account whose webhooks to read."
}

# Everything comes from the environment: EIGHTXEIGHT_API_KEY, and
# EIGHTXEIGHT_REGION or EIGHTXEIGHT_BASE_URL.
provider "eightxeight" {}

data "eightxeight_webhooks" "all" {
  account_id = var.account_id
}

output "webhooks" {
  description = "Every webhook of the account, with the kind of authentication 8x8 uses to call it."
  value = [
    for w in data.eightxeight_webhooks.all.webhooks : {
      type           = w.type
      sub_account_id = w.sub_account_id
      url            = w.url
      enabled        = w.enabled
      auth           = w.has_oauth ? "oauth" : (w.has_http_authorization ? "http_authorization" : "none")
    }
  ]
}
