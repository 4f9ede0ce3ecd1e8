#!/usr/bin/env bash
# libvirt-clean.sh: makes a reused machine's daemon look new before a test run. It removes the demo
# seed (libvirt-sandbox.sh unseed) and whatever earlier test runs left behind: guests, networks,
# pools and volumes whose names carry the tests' own prefixes (test-kit's uniqueName: vdtest-, vde2e-;
# the benchmarks' vdbench-). Nothing else is touched, so a user's own objects on a libvirtd the
# sandbox borrowed are safe.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PREFIXES='^(vdtest|vde2e|vdbench)-'
say() { echo "[libvirt-clean] $*" >&2; }

bash "$ROOT/scripts/libvirt-sandbox.sh" unseed
eval "$(bash "$ROOT/scripts/libvirt-sandbox.sh" env)"
v() { virsh -q -c "$LIBVIRT_QEMU_URI" "$@"; }
quiet() { v "$@" >/dev/null 2>&1 || true; }
ours() { grep -E "$PREFIXES" || true; }

removed=0
for d in $(v list --all --name | ours); do
  quiet destroy "$d"
  # --checkpoints-metadata and --nvram are refused by older virsh: then the plain flags
  v undefine "$d" --snapshots-metadata --checkpoints-metadata >/dev/null 2>&1 || quiet undefine "$d" --snapshots-metadata
  removed=$((removed + 1))
done
for n in $(v net-list --all --name | ours); do
  quiet net-destroy "$n"
  quiet net-undefine "$n"
  removed=$((removed + 1))
done
# Volumes of ours in any active pool (a test may make one in a user's pool), then pools of ours
# with what they hold.
for p in $(v pool-list --name); do
  for vol in $(v vol-list "$p" 2>/dev/null | awk '{print $1}' | ours); do
    quiet vol-delete "$vol" --pool "$p"
    removed=$((removed + 1))
  done
done
for p in $(v pool-list --all --name | ours); do
  quiet pool-start "$p"
  for vol in $(v vol-list "$p" 2>/dev/null | awk '{print $1}'); do quiet vol-delete "$vol" --pool "$p"; done
  quiet pool-destroy "$p"
  quiet pool-delete "$p"
  quiet pool-undefine "$p"
  removed=$((removed + 1))
done
say "removed $removed leftover test object(s)"
