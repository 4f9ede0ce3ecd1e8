#!/usr/bin/env bash
# bootstrap.sh [--tests|--bench]: everything Virtdeck needs on a fresh Debian 12 machine, installed only when
# missing: Debian's libvirt daemon and QEMU, dnsmasq and iptables (libvirt's NAT networks), pnpm at the
# pinned version, the workspace's packages; with --tests also Chromium (for Playwright), PostgreSQL
# (store tests), nginx (the round-robin proxy in front of BFF replicas), sshd and netcat (ssh transport tests), iproute2
# (the second libvirt host's veth pair: scripts/libvirt-peer.sh), python3-libvirt (libvirt's C library, the
# oracle of the client's differential tests), prometheus (its promtool checks /metrics); with --bench also what the C reference of the benchmarks builds with, and the console
# benchmark's references (websockify, socat).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
say() { echo "[bootstrap] $*" >&2; }

PKGS="libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 qemu-utils openssl dnsmasq-base iptables"
TEST_PKGS="chromium openssh-server netcat-openbsd postgresql python3-libvirt prometheus nginx-light iproute2"
case "${1:-}" in
  --tests) PKGS="$PKGS $TEST_PKGS" ;;
  # the benchmarks also build a small C reference against libvirt's own library
  --bench) PKGS="$PKGS $TEST_PKGS libvirt-dev gcc pkg-config websockify socat" ;;
esac

missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  [ "$(id -u)" = 0 ] || { say "missing Debian packages:$missing (run as root, or install them)"; exit 1; }
  say "apt installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # --force-confold: never stop at a conffile prompt; openssh-server's service start is harmless without systemd
  apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold $missing >/dev/null
fi

want=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$want" ]; then
  say "installing pnpm $want"
  npm i -g "pnpm@$want" >/dev/null 2>&1
fi

# Native modules (better-sqlite3) compile against the system's Node headers: pnpm's node-gyp
# would otherwise try to download them.
export npm_config_nodedir=${npm_config_nodedir:-/usr}
if [ ! -f node_modules/.modules.yaml ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ]; then
  say "installing workspace packages"
  pnpm install --frozen-lockfile
fi
