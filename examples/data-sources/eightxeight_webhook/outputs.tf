# Shaped for `terraform output -json required_webhooks`:
# {"CADR/Onion_Marketing": {"url": "...", "enabled": true, "oauth_token_url": "..."}, "MSG/*": {...}}
output "required_webhooks" {
  value = {
    for key, w in data.eightxeight_webhook.required : key => {
      url             = w.url
      enabled         = w.enabled
      oauth_token_url = try(w.oauth.url, null)
    }
  }
}
