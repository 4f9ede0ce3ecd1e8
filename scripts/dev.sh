#!/usr/bin/env bash
# dev.sh [--system]: the dashboard, built and running.
#   default    a sandboxed libvirtd (scripts/libvirt-sandbox.sh) seeded with demo guests, a pool
#              and a backing chain, or the libvirtd you already run
#   --system   your own libvirtd's qemu:///system (or VIRTDECK_LIBVIRT_URI if set), no demo seed
# Env: VIRTDECK_WEB_PORT (3000), VIRTDECK_BFF_PORT (4000).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
WEB_PORT=${VIRTDECK_WEB_PORT:-3000}
BFF_PORT=${VIRTDECK_BFF_PORT:-4000}

bash scripts/bootstrap.sh
if [ "${1:-}" = --system ]; then
  export VIRTDECK_LIBVIRT_URI=${VIRTDECK_LIBVIRT_URI:-qemu:///system}
else
  bash scripts/libvirt-sandbox.sh seed
  eval "$(bash scripts/libvirt-sandbox.sh env)"
  export VIRTDECK_LIBVIRT_URI=${VIRTDECK_LIBVIRT_URI:-$LIBVIRT_QEMU_URI}
  export VIRTDECK_TEST_NODE_DIR
fi

# The web's static export (apps/web/.next-export) and the compiled BFF (apps/bff/dist), which `bff start`
# runs with plain node: one process serves the dashboard on the web port and the API on its own.
pnpm turbo run build --filter=@virtdeck/web --filter=@virtdeck/bff --output-logs=errors-only

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
VIRTDECK_WEB_DIR=${VIRTDECK_WEB_DIR:-$ROOT/apps/web/.next-export} VIRTDECK_WEB_PORT=$WEB_PORT \
  VIRTDECK_BFF_PORT=$BFF_PORT VIRTDECK_WEB_ORIGIN="http://127.0.0.1:$WEB_PORT" pnpm --filter @virtdeck/bff start &
pids+=($!)
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$WEB_PORT/" >/dev/null 2>&1 && break; sleep 0.3; done
echo
echo "  Virtdeck is running: open http://127.0.0.1:$WEB_PORT/"
echo "  libvirt: $VIRTDECK_LIBVIRT_URI"
echo "  (Ctrl+C stops it)"
echo
wait -n "${pids[@]}"
