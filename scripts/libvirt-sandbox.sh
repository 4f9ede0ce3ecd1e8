#!/usr/bin/env bash
# libvirt-sandbox.sh: a real libvirtd for Virtdeck, without systemd.
#
#   scripts/libvirt-sandbox.sh start   install libvirt + QEMU if missing, start libvirtd (unix socket in
#                                      .state/libvirt/run, TCP on 127.0.0.1 only), wait until it answers
#   scripts/libvirt-sandbox.sh seed    the demo: a dir pool with a depth-5 backing chain, a running VNC guest
#                                      on it, a running SPICE guest, a shut-off guest (all three boot
#                                      scripts/guest-image.sh's Linux: a shell and qemu-ga), a
#                                      1,000-guest test-driver node file
#   scripts/libvirt-sandbox.sh unseed  remove what seed made
#   scripts/libvirt-sandbox.sh stop    stop the daemon this script started (guests keep running; never a user's own daemon)
#   scripts/libvirt-sandbox.sh env     print the URIs as shell variables (source-able)
#
# A libvirtd the user already runs (systemd's, or any other) is detected and used instead: only one
# privileged libvirtd can run on a machine, and we never stop or reconfigure someone else's.
#
# Env: VIRTDECK_STATE (default <repo>/.state), LIBVIRT_TCP_PORT (default 16509).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=$(realpath -m "${VIRTDECK_STATE:-$ROOT/.state}")
DIR="$STATE/libvirt"
RUN="$DIR/run"
LOG="$DIR/log"
POOL_DIR="$STATE/pools/demo"
PORT=${LIBVIRT_TCP_PORT:-16509}
TLS_PORT=${LIBVIRT_TLS_PORT:-16514}
PKI="$DIR/pki"
OWN_SOCK="$RUN/libvirt-sock"
SYSTEM_SOCK=/run/libvirt/libvirt-sock
PKGS="libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 qemu-utils dnsmasq-base iptables"

say() { echo "[libvirt-sandbox] $*" >&2; }
answers() { virsh -q -c "qemu+unix:///system?socket=$1" version >/dev/null 2>&1; }

# The socket of the daemon to use: ours if it runs, else the user's own, else none.
active_socket() {
  if [ -S "$OWN_SOCK" ] && answers "$OWN_SOCK"; then echo "$OWN_SOCK"; return; fi
  if [ -S "$SYSTEM_SOCK" ] && command -v virsh >/dev/null && answers "$SYSTEM_SOCK"; then echo "$SYSTEM_SOCK"; return; fi
}

install_packages() {
  local missing="" p
  for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && return
  [ "$(id -u)" = 0 ] || { say "missing packages:$missing (run as root to install them)"; exit 1; }
  say "installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # --force-confold: never stop at a conffile prompt (qemu.conf is written below)
  apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold $PKGS >/dev/null
}

write_config() {
  mkdir -p "$RUN" "$LOG" /etc/libvirt /var/log/libvirt/qemu /var/lib/libvirt/images
  # The QEMU driver resolves its compiled-in user 'libvirt-qemu' before reading qemu.conf:
  # without that user the daemon exits at start (libvirt-daemon-system would create it).
  getent passwd libvirt-qemu >/dev/null ||
    useradd --system --user-group --no-create-home --home-dir /var/lib/libvirt --shell /usr/sbin/nologin libvirt-qemu
  # The read-only socket demands SASL: nothing of ours uses it, and the client's refusal of an
  # authentication it does not speak is tested against it (rpc-connect.test.ts).
  cat >"$DIR/libvirtd.conf" <<EOF
# written by scripts/libvirt-sandbox.sh
unix_sock_dir = "$RUN"
unix_sock_ro_perms = "0777"
unix_sock_rw_perms = "0770"
unix_sock_admin_perms = "0700"
auth_unix_ro = "sasl"
auth_unix_rw = "none"
listen_tls = 1
tls_port = "$TLS_PORT"
ca_file = "$PKI/cacert.pem"
cert_file = "$PKI/servercert.pem"
key_file = "$PKI/serverkey.pem"
listen_tcp = 1
listen_addr = "127.0.0.1"
tcp_port = "$PORT"
auth_tcp = "none"
keepalive_interval = 5
# The BFF multiplexes many calls on one connection per host: let the daemon work on more than
# the default 5 of a client's calls at once (the rest wait unread, keepalive pings included).
max_client_requests = 32
log_outputs = "3:file:$LOG/libvirtd.log"
EOF
  # The privileged daemon reads only /etc/libvirt/qemu.conf. stdio_handler=file avoids virtlogd;
  # no security driver and root guests since there is no dbus, polkit or AppArmor here.
  local conf="$DIR/qemu.conf"
  cat >"$conf" <<'EOF'
# written by virtdeck scripts/libvirt-sandbox.sh
user = "root"
group = "root"
security_driver = "none"
stdio_handler = "file"
vnc_listen = "127.0.0.1"
spice_listen = "127.0.0.1"
EOF
  cmp -s "$conf" /etc/libvirt/qemu.conf || {
    [ -f /etc/libvirt/qemu.conf ] && ! grep -q 'virtdeck' /etc/libvirt/qemu.conf && cp /etc/libvirt/qemu.conf "$DIR/qemu.conf.orig"
    cp "$conf" /etc/libvirt/qemu.conf
  }
}

# A private CA and a server certificate for 127.0.0.1/localhost, so TLS clients can be tested.
# Tests make their client certificates at test time, signed by this CA (cakey.pem).
write_pki() {
  [ -f "$PKI/servercert.pem" ] && return
  mkdir -p "$PKI"
  (
    cd "$PKI"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Virtdeck sandbox CA" \
      -keyout cakey.pem -out cacert.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout serverkey.pem -out server.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA cacert.pem -CAkey cakey.pem -CAcreateserial -days 3650 \
      -extfile server.ext -out servercert.pem 2>/dev/null
    rm -f server.csr server.ext
    chmod 600 cakey.pem serverkey.pem
  )
}

alive() { [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat")" != Z ]; }

# Any live libvirtd/virtqemud (zombies excluded: without an init that reaps, a stopped daemon lingers as one)
# in our PID namespace: scripts/libvirt-peer.sh's second daemon runs in namespaces of its own.
daemon_running() {
  local pid own
  own=$(readlink /proc/self/ns/pid)
  for pid in $(pgrep -x libvirtd; pgrep -x virtqemud || true); do
    alive "$pid" && [ "$(readlink "/proc/$pid/ns/pid" 2>/dev/null)" = "$own" ] && return 0
  done
  return 1
}

cmd_start() {
  local sock
  # The scale fixture: written once (tests open private copies through the daemon).
  mkdir -p "$STATE"
  [ -f "$STATE/test-node-1000.xml" ] || write_test_node 1000 "$STATE/test-node-1000.xml"
  sock=$(active_socket || true)
  if [ -n "$sock" ]; then
    [ "$sock" = "$OWN_SOCK" ] && say "sandbox libvirtd already running" || say "using the libvirtd already running on $sock"
    return
  fi
  if daemon_running; then
    say "a libvirtd runs on this machine but does not answer on $SYSTEM_SOCK; stop it or fix it first"
    exit 1
  fi
  [ "$(id -u)" = 0 ] || { say "starting the sandbox libvirtd needs root"; exit 1; }
  install_packages
  write_pki
  write_config
  if [ -f "$RUN/libvirtd.pid" ] && ! alive "$(cat "$RUN/libvirtd.pid")"; then rm -f "$RUN/libvirtd.pid"; fi
  local t0=$SECONDS
  # -d daemonize, -l honour listen_tcp, -f our config, -p our pid file
  libvirtd -d -l -f "$DIR/libvirtd.conf" -p "$RUN/libvirtd.pid"
  for _ in $(seq 1 1800); do
    answers "$OWN_SOCK" && break
    if [ -f "$RUN/libvirtd.pid" ] && ! alive "$(cat "$RUN/libvirtd.pid")"; then break; fi
    sleep 0.1
  done
  if ! answers "$OWN_SOCK"; then
    say "libvirtd did not answer; last log lines:"
    tail -n 20 "$LOG/libvirtd.log" >&2 || true
    exit 1
  fi
  say "libvirtd $(libvirtd --version | awk '{print $NF}') answering after $((SECONDS - t0)) s on $OWN_SOCK and 127.0.0.1:$PORT"
}

cmd_stop() {
  if [ ! -f "$RUN/libvirtd.pid" ]; then say "no sandbox libvirtd to stop"; return; fi
  local pid
  pid=$(cat "$RUN/libvirtd.pid")
  if alive "$pid"; then
    kill "$pid"
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && kill -9 "$pid"
    say "stopped libvirtd (pid $pid); guests keep running and are found again at the next start"
  fi
  rm -f "$RUN/libvirtd.pid"
}

uri_qemu() { local s; s=$(active_socket); echo "qemu+unix:///system?socket=$s"; }

cmd_env() {
  local s
  s=$(active_socket || true)
  [ -n "$s" ] || { say "no libvirtd answers; run: $0 start"; exit 1; }
  echo "LIBVIRT_SOCKET=$s"
  echo "LIBVIRT_QEMU_URI='qemu+unix:///system?socket=$s'"
  echo "LIBVIRT_TEST_URI='test+unix:///default?socket=$s'"
  echo "LIBVIRT_TCP=127.0.0.1:$PORT"
  echo "LIBVIRT_TLS=127.0.0.1:$TLS_PORT"
  echo "LIBVIRT_PKI=$PKI"
  echo "LIBVIRT_TEST_NODE_URI='test+unix://$STATE/test-node-1000.xml?socket=$s'"
  # The BFF's test driver opens node files only from this folder (the 1,000-guest one is here).
  echo "VIRTDECK_TEST_NODE_DIR=$STATE"
  echo "VIRTDECK_DEMO_POOL_DIR=$POOL_DIR"
}

# --- demo seed -----------------------------------------------------------------------------
DEMO_DOMAINS="demo-vnc demo-spice demo-stopped"

v() { virsh -q -c "$(uri_qemu)" "$@"; }

# The demo guests boot scripts/guest-image.sh's image (a Debian kernel, busybox, qemu-ga), so their
# consoles show a shell prompt and the guest agent answers; cmd_seed sets these. Left empty (the
# image could not be built, e.g. no apt sources), they fall back to SeaBIOS with nothing to boot.
GUEST_KERNEL=""
GUEST_INITRD=""

demo_domain_xml() { # name graphics(vnc|spice) disk-path-or-empty
  local disk="" os nic="" devices=""
  [ -n "$3" ] && disk="<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='$3'/><target dev='vda' bus='virtio'/></disk>"
  local video=cirrus
  [ "$2" = spice ] && video=qxl
  if [ -n "$GUEST_KERNEL" ]; then
    os="<type arch='x86_64' machine='pc'>hvm</type><kernel>$GUEST_KERNEL</kernel><initrd>$GUEST_INITRD</initrd>
    <cmdline>console=tty0 console=ttyS0 quiet virtdeck.hostname=$1</cmdline>"
    # QEMU's user network: DHCP inside QEMU, no bridge; the agent reports the address it leased.
    nic="<interface type='user'><model type='virtio'/><rom enabled='no'/></interface>"
    # (The RNG seeds the guest's entropy at once, instead of jitter entropy under TCG.)
    devices="<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>"
  else
    os="<type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/><bios useserial='yes'/>"
  fi
  cat <<EOF
<domain type='qemu'>
  <name>$1</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os>$os</os>
  <features><acpi/></features>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    $disk
    $nic
    <serial type='pty'><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
    $devices
    <graphics type='$2' autoport='yes' listen='127.0.0.1'/>
    <video><model type='$video'/></video>
  </devices>
</domain>
EOF
}

# A test-driver node file with N guests, for scale tests (loaded through the daemon: each
# connection gets a private copy, so tests may change it freely).
write_test_node() { # N path
  {
    echo "<node>"
    local i state
    for i in $(seq -w 1 "$1"); do
      # every third guest shut off (runstate 5), every seventh paused (3), the rest running
      state=""
      [ $((10#$i % 3)) = 0 ] && state="<test:runstate>5</test:runstate>"
      [ $((10#$i % 7)) = 0 ] && state="<test:runstate>3</test:runstate>"
      echo "  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><name>vm-$i</name><memory unit='MiB'>$((512 + 10#$i % 4 * 512))</memory><vcpu>$((1 + 10#$i % 4))</vcpu><os><type arch='x86_64'>hvm</type></os><devices><disk type='file' device='disk'><source file='/pool/vm-$i.qcow2'/><target dev='vda' bus='virtio'/></disk></devices>$state</domain>"
    done
    echo "</node>"
  } >"$2"
}

cmd_seed() {
  cmd_start
  command -v qemu-img >/dev/null || install_packages
  mkdir -p "$POOL_DIR"
  for d in $DEMO_DOMAINS; do
    [[ "$(v domstate "$d" 2>/dev/null || true)" =~ running|paused ]] && v destroy "$d" >/dev/null
    v dominfo "$d" >/dev/null 2>&1 && v undefine "$d" --snapshots-metadata >/dev/null
  done
  if ! v pool-info virtdeck-demo >/dev/null 2>&1; then
    v pool-define-as virtdeck-demo dir --target "$POOL_DIR" >/dev/null
    v pool-autostart virtdeck-demo >/dev/null
  fi
  # (output captured first: grep -q closing the pipe early would fail the pipeline under pipefail)
  [[ "$(v pool-info virtdeck-demo)" =~ running ]] || v pool-start virtdeck-demo >/dev/null
  rm -f "$POOL_DIR"/*.raw "$POOL_DIR"/*.qcow2
  # base.raw <- l1 <- l2 <- l3 <- top: the chain that external snapshots grow.
  qemu-img create -q -f raw "$POOL_DIR/base.raw" 64M
  qemu-img create -q -f qcow2 -F raw -b "$POOL_DIR/base.raw" "$POOL_DIR/l1.qcow2"
  qemu-img create -q -f qcow2 -F qcow2 -b "$POOL_DIR/l1.qcow2" "$POOL_DIR/l2.qcow2"
  qemu-img create -q -f qcow2 -F qcow2 -b "$POOL_DIR/l2.qcow2" "$POOL_DIR/l3.qcow2"
  qemu-img create -q -f qcow2 -F qcow2 -b "$POOL_DIR/l3.qcow2" "$POOL_DIR/top.qcow2"
  qemu-img create -q -f qcow2 "$POOL_DIR/stopped.qcow2" 64M
  v pool-refresh virtdeck-demo >/dev/null
  local image
  if image=$(bash "$ROOT/scripts/guest-image.sh"); then
    GUEST_KERNEL=$(sed -n 1p <<<"$image")
    GUEST_INITRD=$(sed -n 2p <<<"$image")
  else
    say "no guest image (scripts/guest-image.sh failed): the demo guests get SeaBIOS and no OS"
  fi
  local tmp
  tmp=$(mktemp -d)
  demo_domain_xml demo-vnc vnc "$POOL_DIR/top.qcow2" >"$tmp/vnc.xml"
  demo_domain_xml demo-spice spice "" >"$tmp/spice.xml"
  demo_domain_xml demo-stopped vnc "$POOL_DIR/stopped.qcow2" >"$tmp/stopped.xml"
  for f in vnc spice stopped; do v define "$tmp/$f.xml" >/dev/null; done
  rm -rf "$tmp"
  v start demo-vnc >/dev/null
  v start demo-spice >/dev/null
  say "seeded: pool virtdeck-demo ($POOL_DIR, chain base.raw<-l1<-l2<-l3<-top), guests $DEMO_DOMAINS, $STATE/test-node-1000.xml"
}

cmd_unseed() {
  [ -n "$(active_socket || true)" ] || return 0
  for d in $DEMO_DOMAINS; do
    [[ "$(v domstate "$d" 2>/dev/null || true)" =~ running|paused ]] && v destroy "$d" >/dev/null
    v dominfo "$d" >/dev/null 2>&1 && v undefine "$d" --snapshots-metadata >/dev/null
  done
  if v pool-info virtdeck-demo >/dev/null 2>&1; then
    v pool-destroy virtdeck-demo >/dev/null 2>&1 || true
    v pool-undefine virtdeck-demo >/dev/null
  fi
  rm -rf "$POOL_DIR"
  say "demo removed"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  seed) cmd_seed ;;
  unseed) cmd_unseed ;;
  env) cmd_env ;;
  *) echo "usage: $0 start|stop|seed|unseed|env" >&2; exit 2 ;;
esac
