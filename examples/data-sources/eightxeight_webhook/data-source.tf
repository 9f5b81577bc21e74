# The delivery-receipt webhook of the Sales sub-account. No such webhook is an
# error that lists the (type, sub_account_id) pairs the account does have.
data "eightxeight_webhook" "sales_receipts" {
  account_id     = "3f2a9c1e-7b4d-4e8a-9f6b-2c5d8e1a4b7f"
  type           = "CADR"
  sub_account_id = "Sales"
}

# Feed its URL into another resource: here, the host name into a DNS record.
resource "aws_route53_record" "sales_receipts" {
  zone_id = "Z123EXAMPLE"
  name    = "receipts.sales.example.com"
  type    = "CNAME"
  ttl     = 300
  records = [regex("^https?://([^/:]+)", data.eightxeight_webhook.sales_receipts.url)[0]]
}
