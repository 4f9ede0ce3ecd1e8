#!/usr/bin/env bash
# libvirt-peer.sh: a second, isolated libvirtd on this machine: the "other host" of the multi-host and
# live-migration tests.
#
#   scripts/libvirt-peer.sh start    start it (idempotent): its own mount, network, PID and UTS
#                                    namespaces; wait until it answers over tcp, tls and ssh
#   scripts/libvirt-peer.sh stop     stop it: the namespace's init exits, so libvirtd, sshd and the
#                                    peer's guests go with it, and so does the veth pair
#   scripts/libvirt-peer.sh status   "running" (exit 0), "stopped" (exit 1), or why it cannot run (exit 3)
#   scripts/libvirt-peer.sh env      its addresses and URIs as shell variables (source-able)
#
# Layout. The peer is a libvirtd in `unshare --mount --pid --net --uts`. In its mount namespace,
# bind mounts give it its own /etc/libvirt, /run/libvirt, /var/lib/libvirt, /var/log/libvirt and
# /var/cache/libvirt (folders under .state/peer), and a tmpfs /run (so its sshd's /run/sshd is its
# own). Everything else of the file system is shared with the first host: a disk outside those
# folders is "shared storage", a disk under /var/lib/libvirt is the host's own. Its network namespace
# has a veth pair into a /30 that exists only on this machine (host side PEER_HOST_ADDR, peer side
# PEER_ADDR): libvirtd listens there on tcp (no auth) and tls (the first host's CA signs its
# certificate, so one client certificate reaches both), and an sshd of its own on port 22 (a key
# made here). Its hostname and host UUID differ from the first host's, as libvirt requires of a
# migration's two ends; it uses no cgroups (the first host's cgroup names would collide).
# The first host's unix socket path is not touched: the peer's socket is also reachable from
# outside at .state/peer/run/libvirt-sock, for the tests' own checks.
#
# Exit status 3 means "cannot run here", with the reason and the evidence on the last line.
# Env: VIRTDECK_STATE (default <repo>/.state), VIRTDECK_PEER_SUBNET (default 10.213.0, a /30 in it).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=$(realpath -m "${VIRTDECK_STATE:-$ROOT/.state}")
PEER="$STATE/peer"
SUBNET=${VIRTDECK_PEER_SUBNET:-10.213.0}
PEER_HOST_ADDR="$SUBNET.1"
PEER_ADDR="$SUBNET.2"
VETH=vdpeer0
HOSTNAME_PEER=virtdeck-peer
SANDBOX_PKI="$STATE/libvirt/pki"
INIT_PID="$PEER/init.pid"
# The folders the peer gets its own copy of (outside path under $PEER, inside path).
BINDS="etc:/etc/libvirt run:/run/libvirt lib:/var/lib/libvirt log:/var/log/libvirt cache:/var/cache/libvirt"

say() { echo "[libvirt-peer] $*" >&2; }
cannot() { say "cannot run here: $*"; exit 3; }
alive() { [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat")" != Z ]; }
running() { [ -f "$INIT_PID" ] && alive "$(cat "$INIT_PID")"; }
answers() { virsh -q -c "qemu+tcp://$PEER_ADDR/system" version >/dev/null 2>&1; }

# What would stop the peer from running here, checked before anything is made.
preflight() {
  [ "$(id -u)" = 0 ] || cannot "namespaces, bind mounts and veth pairs need root (running as uid $(id -u))"
  local c
  for c in unshare nsenter ip sshd ssh-keygen libvirtd virsh openssl; do
    command -v "$c" >/dev/null || cannot "'$c' is not installed (scripts/bootstrap.sh --tests installs it)"
  done
  local out
  out=$(unshare --mount --pid --net --uts --fork --mount-proc true 2>&1) ||
    cannot "unshare --mount --pid --net --uts refused: $out"
  out=$(unshare --net bash -c "ip link add vdprobe0 type veth peer name vdprobe1" 2>&1) ||
    cannot "a veth pair cannot be made: $out"
  # The /30 must be free: another route into it would make the peer unreachable or hijack traffic.
  local clash
  clash=$(ip -4 route show | grep -F "$SUBNET." | grep -v "dev $VETH" | paste -sd ';' || true)
  [ -z "$clash" ] || cannot "the subnet $SUBNET.0/30 is already routed here ($clash); set VIRTDECK_PEER_SUBNET"
  [ -f "$SANDBOX_PKI/cakey.pem" ] || { say "the first host's CA is missing ($SANDBOX_PKI): run scripts/libvirt-sandbox.sh start first"; exit 1; }
}

write_config() {
  local b
  for b in $BINDS; do mkdir -p "$PEER/${b%%:*}"; done
  mkdir -p "$PEER/ssh" "$PEER/pki" "$PEER/lib/images"
  [ -f "$PEER/host-uuid" ] || cat /proc/sys/kernel/random/uuid >"$PEER/host-uuid"
  cat >"$PEER/etc/libvirtd.conf" <<EOF
# written by scripts/libvirt-peer.sh (read inside the peer's namespaces, where this is /etc/libvirt)
unix_sock_dir = "/run/libvirt"
unix_sock_rw_perms = "0770"
auth_unix_rw = "none"
auth_unix_ro = "none"
listen_tcp = 1
listen_tls = 1
listen_addr = "$PEER_ADDR"
auth_tcp = "none"
ca_file = "/etc/libvirt/pki/cacert.pem"
cert_file = "/etc/libvirt/pki/servercert.pem"
key_file = "/etc/libvirt/pki/serverkey.pem"
keepalive_interval = 5
max_client_requests = 32
host_uuid = "$(cat "$PEER/host-uuid")"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
EOF
  # As the first host's qemu.conf (root guests, no security driver, no virtlogd), plus: no cgroups,
  # and migrations (qemu's stream and NBD) listen on and are announced at the peer's address.
  cat >"$PEER/etc/qemu.conf" <<EOF
# written by scripts/libvirt-peer.sh
user = "root"
group = "root"
security_driver = "none"
stdio_handler = "file"
vnc_listen = "127.0.0.1"
spice_listen = "127.0.0.1"
cgroup_controllers = [ ]
migration_address = "$PEER_ADDR"
migration_host = "$PEER_ADDR"
EOF
  mkdir -p "$PEER/etc/pki"
  if [ ! -f "$PEER/etc/pki/servercert.pem" ]; then
    (
      cd "$PEER/etc/pki"
      cp "$SANDBOX_PKI/cacert.pem" cacert.pem
      openssl req -newkey rsa:2048 -nodes -subj "/CN=$HOSTNAME_PEER" -keyout serverkey.pem -out server.csr 2>/dev/null
      printf 'subjectAltName=IP:%s,DNS:%s\nextendedKeyUsage=serverAuth\n' "$PEER_ADDR" "$HOSTNAME_PEER" >server.ext
      openssl x509 -req -in server.csr -CA "$SANDBOX_PKI/cacert.pem" -CAkey "$SANDBOX_PKI/cakey.pem" \
        -CAcreateserial -CAserial "$PEER/pki/ca.srl" -days 3650 -extfile server.ext -out servercert.pem 2>/dev/null
      rm -f server.csr server.ext
      chmod 600 serverkey.pem
    )
  fi
  local s="$PEER/ssh"
  [ -f "$s/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C virtdeck-peer -f "$s/ssh_host_ed25519_key"
  [ -f "$s/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C virtdeck-peer-client -f "$s/client_ed25519"
  cp "$s/client_ed25519.pub" "$s/authorized_keys"
  echo "$PEER_ADDR $(cut -d' ' -f1-2 "$s/ssh_host_ed25519_key.pub")" >"$s/known_hosts"
  cat >"$s/sshd_config" <<EOF
# written by scripts/libvirt-peer.sh
ListenAddress $PEER_ADDR:22
HostKey $s/ssh_host_ed25519_key
PidFile /run/sshd.pid
AuthorizedKeysFile $s/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
AllowTcpForwarding yes
LogLevel VERBOSE
EOF
}

# Runs as PID 1 of the peer's namespaces (started by cmd_start through unshare).
cmd_init() {
  mount --make-rprivate /
  # Its own /run first (sshd's privilege separation folder, pid files), then its libvirt folders.
  mount -t tmpfs -o mode=0755 peer-run /run
  # (/var/lock is /run/lock: libvirt locks a console's pty there)
  mkdir -p /run/sshd /run/lock
  local b
  for b in $BINDS; do
    mkdir -p "${b#*:}"
    mount --bind "$PEER/${b%%:*}" "${b#*:}"
  done
  # Its own /etc/hosts naming itself: libvirt looks its hostname up at every migration step, and
  # no DNS server is reachable from the private subnet (each lookup would wait out its timeout).
  # It names the first host too, by its side of the veth: a migration to the first host is
  # announced at the first host's hostname (it sets no migration_host).
  printf '127.0.0.1 localhost\n%s %s\n%s %s\n' "$PEER_ADDR" "$HOSTNAME_PEER" "$PEER_HOST_ADDR" "$(hostname)" >"$PEER/hosts"
  hostname "$HOSTNAME_PEER"
  mount --bind "$PEER/hosts" /etc/hosts
  ip link set lo up
  # The host moves the veth's far end in as eth0 once this process exists.
  for _ in $(seq 1 200); do ip link show eth0 >/dev/null 2>&1 && break; sleep 0.05; done
  ip link show eth0 >/dev/null 2>&1 || { echo "eth0 never arrived" >&2; exit 1; }
  ip addr add "$PEER_ADDR/30" dev eth0
  ip link set eth0 up
  ip route add default via "$PEER_HOST_ADDR"
  /usr/sbin/sshd -D -e -f "$PEER/ssh/sshd_config" 2>>/var/log/libvirt/sshd.log &
  local sshd=$!
  libvirtd -l -f /etc/libvirt/libvirtd.conf -p /run/libvirt/libvirtd.pid &
  local lv=$!
  # PID 1 ignores signals it has no handler for: this one ends libvirtd, which ends us; our exit
  # makes the kernel kill what is left in the namespace (the peer's guests).
  trap 'kill -TERM $lv $sshd 2>/dev/null' TERM INT
  # (wait returns on each trapped signal; as PID 1, bash also reaps the orphaned QEMU processes)
  while alive "$lv"; do wait "$lv" || true; done
  kill -TERM "$sshd" 2>/dev/null || true
}

cmd_start() {
  if running && answers; then say "peer libvirtd already running at $PEER_ADDR"; return; fi
  running && cmd_stop
  preflight
  write_config
  # Stale state of a peer that was killed: its guests died with its namespace.
  rm -rf "${PEER:?}/run/"*
  ip link del "$VETH" 2>/dev/null || true
  local t0=$SECONDS
  setsid unshare --mount --pid --net --uts --fork --mount-proc --propagation private \
    bash "$ROOT/scripts/libvirt-peer.sh" __init >>"$PEER/log/init.log" 2>&1 </dev/null 9>&- &
  local unshare_pid=$! init=""
  for _ in $(seq 1 100); do
    init=$(cat "/proc/$unshare_pid/task/$unshare_pid/children" 2>/dev/null | awk '{print $1}')
    [ -n "$init" ] && break
    sleep 0.05
  done
  [ -n "$init" ] || { say "the namespace's init did not start; $PEER/log/init.log:"; tail -n 20 "$PEER/log/init.log" >&2; exit 1; }
  echo "$init" >"$INIT_PID"
  ip link add "$VETH" type veth peer name eth0 netns "$init"
  ip addr add "$PEER_HOST_ADDR/30" dev "$VETH"
  ip link set "$VETH" up
  for _ in $(seq 1 600); do
    answers && break
    alive "$init" || break
    sleep 0.1
  done
  if ! answers; then
    say "the peer libvirtd did not answer on $PEER_ADDR; last log lines:"
    tail -n 20 "$PEER/log/init.log" "$PEER/log/libvirtd.log" >&2 2>/dev/null || true
    cmd_stop
    exit 1
  fi
  for _ in $(seq 1 100); do
    ssh_answers && break
    sleep 0.1
  done
  ssh_answers || { say "the peer's sshd did not answer on $PEER_ADDR:22"; tail -n 20 "$PEER/log/sshd.log" >&2; cmd_stop; exit 1; }
  say "peer libvirtd answering after $((SECONDS - t0)) s at $PEER_ADDR (tcp 16509, tls 16514, ssh 22); host side $PEER_HOST_ADDR on $VETH"
}

ssh_answers() {
  ssh -q -o BatchMode=yes -o UserKnownHostsFile="$PEER/ssh/known_hosts" -o ConnectTimeout=2 \
    -i "$PEER/ssh/client_ed25519" "root@$PEER_ADDR" true 2>/dev/null
}

# Objects the tests made (test-kit's uniqueName prefixes) that a failed run left on the peer:
# definitions outlive its namespaces (they are files under .state/peer/etc), guests do not.
remove_test_leftovers() {
  local uri="qemu+unix:///system?socket=$PEER/run/libvirt-sock" n
  for n in $(virsh -q -c "$uri" list --all --name 2>/dev/null | grep -E '^(vdtest|vde2e|vdbench)-' || true); do
    virsh -q -c "$uri" destroy "$n" >/dev/null 2>&1 || true
    virsh -q -c "$uri" undefine "$n" >/dev/null 2>&1 || true
  done
  for n in $(virsh -q -c "$uri" pool-list --all --name 2>/dev/null | grep -E '^(vdtest|vde2e|vdbench)-' || true); do
    virsh -q -c "$uri" pool-destroy "$n" >/dev/null 2>&1 || true
    virsh -q -c "$uri" pool-undefine "$n" >/dev/null 2>&1 || true
  done
}

cmd_stop() {
  running && answers && remove_test_leftovers
  if ! running; then
    say "no peer libvirtd to stop"
  else
    local pid
    pid=$(cat "$INIT_PID")
    kill -TERM "$pid"
    for _ in $(seq 1 150); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && kill -KILL "$pid"
    say "stopped the peer (init pid $pid): its libvirtd, sshd and guests are gone"
  fi
  rm -f "$INIT_PID"
  # The veth pair goes with the namespace; this covers a namespace that lingered.
  ip link del "$VETH" 2>/dev/null || true
  [ -d "$PEER/run" ] && rm -rf "${PEER:?}/run/"*
  return 0
}

cmd_status() {
  if running && answers; then echo running; return 0; fi
  ( preflight ) || exit 3
  echo stopped
  exit 1
}

cmd_env() {
  running && answers || { say "the peer is not running; run: $0 start"; exit 1; }
  echo "LIBVIRT_PEER_ADDR=$PEER_ADDR"
  echo "LIBVIRT_PEER_HOST_ADDR=$PEER_HOST_ADDR"
  echo "LIBVIRT_PEER_HOSTNAME=$HOSTNAME_PEER"
  echo "LIBVIRT_PEER_SOCKET=$PEER/run/libvirt-sock"
  echo "LIBVIRT_PEER_TCP=$PEER_ADDR:16509"
  echo "LIBVIRT_PEER_TLS=$PEER_ADDR:16514"
  echo "LIBVIRT_PEER_SSH=$PEER_ADDR:22"
  echo "LIBVIRT_PEER_SSH_KEY=$PEER/ssh/client_ed25519"
  echo "LIBVIRT_PEER_KNOWN_HOSTS=$PEER/ssh/known_hosts"
  echo "LIBVIRT_PEER_IMAGES=/var/lib/libvirt/images"
  echo "LIBVIRT_PEER_IMAGES_OUTSIDE=$PEER/lib/images"
}

# One start or stop at a time (test files running in parallel each ask for the peer).
lock() {
  mkdir -p "$STATE"
  exec 9>"$STATE/peer.lock"
  flock 9
}

case "${1:-}" in
  start) lock && cmd_start ;;
  stop) lock && cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  __init) cmd_init ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
