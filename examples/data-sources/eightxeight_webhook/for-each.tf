# The webhooks that must exist, by key; one data source instance each.
# A missing one fails the plan with an error listing the account's keys.
data "eightxeight_webhook" "required" {
  for_each = toset(["MSG/*", "CADR/Onion_Marketing"])

  account_id = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
  key        = each.key
}
