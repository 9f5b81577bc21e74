#!/bin/sh
# drift-check.sh: run a webhook drift check and tell drift from an outage.
#
# Run it in the folder of a drift-check configuration (postconditions, check
# blocks, an expected set), after terraform init. It plans with -json, sorts
# the plan's diagnostics and exits with:
#
#   0  no drift: the plan succeeded and no postcondition or check failed.
#   2  drift: a postcondition or a check failed, or a webhook that an
#      eightxeight_webhook data source names is gone. Each message follows.
#   3  no verdict: the 8x8 API could not be read (down, timed out, refused
#      the key, answered something unusable). The provider's errors follow:
#      run the check again later, or fix the key or region they name.
#   1  no verdict: any other error (the configuration, the CLI, the state
#      backend), or a check that the plan could not decide. The errors follow.
#
# `terraform plan` alone cannot say which: it exits 1 for a failed
# postcondition and for an 8x8 outage alike, and 0 when a check block fails.
# Outputs are not compared with the state: for an outputs baseline, use
# terraform plan -detailed-exitcode (2: drift).
#
# Arguments are passed to terraform plan (e.g. -var-file=production.tfvars).
# The first line printed is the verdict. TERRAFORM names the CLI (default
# terraform; TERRAFORM=tofu for OpenTofu). Needs jq and a POSIX shell.

set -u
tf=${TERRAFORM:-terraform}

if ! command -v jq >/dev/null 2>&1; then
  echo "No verdict: drift-check.sh needs jq, which is not on PATH."
  exit 1
fi

work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$tf" plan -input=false -json -out="$work/tfplan" "$@" >"$work/plan.jsonl" 2>"$work/stderr"
plan=$?

# Every diagnostic of the plan, with its class:
#   drift  a failed check block assertion or postcondition (errors, or
#          warnings inside a check block), or no such webhook
#   api    a failed read of the 8x8 API (an error; a warning when the data
#          source sits inside a check block)
#   error  any other error
#   other  any other warning
jq -R -n '[inputs | fromjson? | select(type == "object" and .type == "diagnostic") | .diagnostic
  | {severity, summary, detail: (.detail // ""), where: (.snippet.context // .range.filename // "")}
  | .class = (if .summary == "Check block assertion failed" or .summary == "Resource postcondition failed"
                 or .summary == "No such webhook" then "drift"
              elif (.summary | test("^(8x8 API |Cannot reach the 8x8 API|Unusable response from )")) then "api"
              elif .severity == "error" then "error"
              else "other" end)]' "$work/plan.jsonl" >"$work/diagnostics.json" || {
  echo "No verdict: the output of $tf plan could not be read."
  cat "$work/stderr"
  exit 1
}

# After a successful plan, its checks add what the diagnostics do not say:
#   error      a check that failed without a failed assertion: a data source
#              inside it failed, and not on the 8x8 API (its errors are only
#              warnings there)
#   undecided  a check that depends on a value known only after apply
if [ "$plan" -eq 0 ]; then
  if ! "$tf" show -json "$work/tfplan" >"$work/plan.json" 2>"$work/stderr"; then
    echo "No verdict: $tf show could not read the plan."
    cat "$work/stderr"
    exit 1
  fi
  jq --slurpfile diagnostics "$work/diagnostics.json" '$diagnostics[0] as $d
    | $d + [.checks[]? | select(.address.kind == "check")
      | ("check \"" + .address.name + "\"") as $where
      | select([$d[] | select(.where == $where and (.class == "drift" or .class == "api"))] | length == 0)
      | if .status == "fail" or .status == "error" then
          {class: "error", where: $where, summary: "The check could not run",
           detail: ([.instances[]?.problems[]?.message] | join("\n"))}
        elif .status == "unknown" then
          {class: "undecided", where: $where, summary: "Not decided by the plan: it depends on a value known only after apply",
           detail: ""}
        else empty end]' "$work/plan.json" >"$work/all.json" && mv "$work/all.json" "$work/diagnostics.json" || exit 1
fi

# count CLASS prints how many diagnostics are of the class; anything but a
# list of them (an empty file, say) ends the check without a verdict, so
# that nothing unreadable can pass as "no drift".
count() {
  n=$(jq --arg class "$1" 'if type == "array" then [.[] | select(.class == $class)] | length else error("not a list") end' \
    "$work/diagnostics.json" 2>/dev/null)
  case $n in
    '' | *[!0-9]*) echo "No verdict: the plan's diagnostics could not be read." >&2; exit 1 ;;
  esac
  echo "$n"
}

# show CLASS prints each diagnostic of the class: where, summary, then its
# detail indented.
show() {
  jq -r --arg class "$1" '.[] | select(.class == $class)
    | "", (if .where == "" then "" else .where + ": " end) + .summary,
      (.detail | split("\n")[] | if . == "" then "" else "  " + . end)' "$work/diagnostics.json"
}

drift=$(count drift) || exit 1
api=$(count api) || exit 1
errors=$(count error) || exit 1
undecided=$(count undecided) || exit 1

if [ "$drift" -gt 0 ]; then
  echo "Drift: the 8x8 webhooks differ from what the configuration expects."
  show drift
  if [ "$api" -gt 0 ] || [ "$errors" -gt 0 ]; then
    echo
    echo "The plan also failed on:"
    show api
    show error
  fi
  exit 2
fi

if [ "$errors" -gt 0 ] || { [ "$plan" -ne 0 ] && [ "$api" -eq 0 ]; }; then
  echo "No verdict: the drift check could not run ($tf plan exited with $plan)."
  show error
  show api
  cat "$work/stderr"
  exit 1
fi

if [ "$api" -gt 0 ]; then
  echo "No verdict: the 8x8 API could not be read. Run the check again later; if it persists, fix what the error names."
  show api
  exit 3
fi

if [ "$undecided" -gt 0 ]; then
  echo "No verdict: the plan could not decide every check."
  show undecided
  exit 1
fi

echo "No drift: the plan succeeded and no postcondition or check failed."
exit 0
