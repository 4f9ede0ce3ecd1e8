#!/usr/bin/env bash
# test-all.sh: every test of the project against the real libvirtd, then one summary line.
#   generated code is regenerated and diffed; typecheck and lint; unit and integration tests
#   (vitest, one package at a time: they share the machine's one libvirtd); the web build;
#   Playwright in Debian's Chromium. Ends with "N passed, N failed, N skipped".
# Every step runs even when an earlier one failed, and every package's suite runs even when another
# package's failed (turbo --continue): one failure never hides another's results. The summary counts
# a suite that crashed before writing its report as failed (scripts/summarize-results.mjs).
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

# A step that fails without test results of its own counts as one failed check. Exit status 3
# means "could not run here" (the reason is the step's last output line): counted as skipped.
step() {
  local name=$1 log="$VIRTDECK_RESULTS/step.log" rc
  shift
  echo "::: $name"
  "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  case $rc in
    0) echo "ok $name" ;;
    3) echo "SKIPPED $name: $(grep -v '^\s*$' "$log" | tail -n 1)" ;;
    *) echo "FAILED $name" ;;
  esac >>"$VIRTDECK_RESULTS/steps"
  rm -f "$log"
}

# (pnpm exec in the package, not --filter: --filter turns every exit status into 1)
step "generated code is up to date" bash -c "cd packages/libvirt-client && pnpm exec tsx scripts/generate.ts --check"
# The guest OS the demo and the agent tests boot, built from Debian packages once and cached.
step "guest image (Debian kernel, busybox, qemu-ga)" bash scripts/guest-image.sh
# The second host of the multi-host and migration tests: a libvirtd in namespaces of its own
# (scripts/libvirt-peer.sh). Where it cannot run (exit 3, the reason on its last line) the tests
# that need it skip with that reason; it is stopped at the end, its guests with it.
step "second libvirt host (scripts/libvirt-peer.sh)" bash scripts/libvirt-peer.sh start
step "typecheck" pnpm turbo run typecheck --continue --output-logs=errors-only
step "lint" pnpm turbo run lint --continue --output-logs=errors-only
step "unit and integration tests" pnpm turbo run test --continue --concurrency=1
step "web build" pnpm turbo run build --filter=@virtdeck/web --output-logs=errors-only
step "browser tests" pnpm --filter @virtdeck/e2e e2e
bash scripts/libvirt-peer.sh stop

node scripts/summarize-results.mjs "$VIRTDECK_RESULTS"
