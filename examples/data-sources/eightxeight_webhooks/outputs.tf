# Shaped for `terraform output -json webhooks`, e.g. in a pipeline:
#   terraform output -json webhooks | jq -r '.["MSG/*"].url'
# {"CADR/Onion_Marketing": {"url": "http://example.com/dr/marketing", "enabled": true, "auth": "oauth"}, ...}
output "webhooks" {
  description = "Every webhook of the account, keyed \"<type>/<sub_account_id>\"."
  value = {
    for w in data.eightxeight_webhooks.all.webhooks : w.key => {
      url     = w.url
      enabled = w.enabled
      auth    = w.has_oauth ? "oauth" : (w.has_http_authorization ? "http_authorization" : "none")
    }
  }
}

# The whole list, as it is: no sensitive = true needed.
output "all_webhooks" {
  value = data.eightxeight_webhooks.all.webhooks
}
