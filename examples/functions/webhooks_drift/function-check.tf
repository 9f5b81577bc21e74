# A report: the plan warns, listing every difference, and goes on; CI reads
# the result from `terraform show -json` (see the drift checks guide).
check "webhooks_as_expected" {
  assert {
    condition     = length(local.webhooks_drift) == 0
    error_message = join("\n", local.webhooks_drift)
  }
}
