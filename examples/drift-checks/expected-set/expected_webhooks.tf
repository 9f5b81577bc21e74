# The webhooks account 3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f must have: what
# `terraform output expected_webhooks` of ../bootstrap printed for it.
locals {
  expected_webhooks = {
    "CABM/*" = {
      "enabled"                = false
      "has_http_authorization" = false
      "has_oauth"              = false
      "oauth"                  = null /* object */
      "url"                    = "http://example.com/mo/general"
    }
    "CADR/Onion_Marketing" = {
      "enabled"                = true
      "has_http_authorization" = false
      "has_oauth"              = true
      "oauth" = {
        "client_id"            = "my-client-id"
        "credentials_location" = "header"
        "scope"                = "read write"
        "url"                  = "https://auth.example.com/oauth/token"
      }
      "url" = "http://example.com/dr/marketing"
    }
    "MSG/*" = {
      "enabled"                = true
      "has_http_authorization" = false
      "has_oauth"              = false
      "oauth"                  = null /* object */
      "url"                    = "http://example.com/dr/general"
    }
    "MSG/Onion_Marketing" = {
      "enabled"                = true
      "has_http_authorization" = true
      "has_oauth"              = false
      "oauth"                  = null /* object */
      "url"                    = "http://example.com/dr/sales"
    }
  }
}
