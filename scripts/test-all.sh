#!/usr/bin/env bash
# test-all.sh: every test of the project against the real libvirtd, then one summary line.
#   generated code is regenerated and diffed; typecheck and lint; unit and integration tests
#   (vitest, one package at a time: they share the machine's one libvirtd); the web build;
#   Playwright in Debian's Chromium. Ends with "N passed, N failed".
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
export VIRTDECK_RESULTS="$ROOT/.ci-results"
export VIRTDECK_E2E_JSON="$VIRTDECK_RESULTS/e2e.json"
rm -rf "$VIRTDECK_RESULTS" && mkdir -p "$VIRTDECK_RESULTS"

bash scripts/bootstrap.sh --tests || exit 1
bash scripts/libvirt-sandbox.sh start || exit 1
eval "$(bash scripts/libvirt-sandbox.sh env)"
export LIBVIRT_SOCKET

# A step that fails without test results of its own counts as one failed check.
step() {
  local name=$1
  shift
  echo "::: $name"
  if "$@"; then echo "ok $name" >>"$VIRTDECK_RESULTS/steps"; else echo "FAILED $name" >>"$VIRTDECK_RESULTS/steps"; fi
}

step "generated code is up to date" pnpm --filter @virtdeck/libvirt-client gen:check
step "typecheck" pnpm turbo run typecheck --output-logs=errors-only
step "lint" pnpm turbo run lint --output-logs=errors-only
step "unit and integration tests" pnpm turbo run test --concurrency=1
step "web build" pnpm turbo run build --filter=@virtdeck/web --output-logs=errors-only
step "browser tests" pnpm --filter @virtdeck/e2e e2e

node scripts/summarize-results.mjs "$VIRTDECK_RESULTS"
