# One resource per webhook, keyed by "<type>/<sub_account_id>": adding or
# removing a webhook in 8x8 adds or removes exactly one instance. Here
# terraform_data stands in for an uptime check, an alert or a firewall rule.
resource "terraform_data" "webhook_monitor" {
  for_each = { for w in data.eightxeight_webhooks.all.webhooks : w.key => w if w.enabled }

  input = {
    url  = each.value.url
    auth = each.value.has_oauth ? "oauth" : (each.value.has_http_authorization ? "static header" : "none")
  }
}
