#!/usr/bin/env bash
# guest-image.sh [--print]: the demo guest's boot files, a Debian kernel and a busybox initramfs
# with the QEMU guest agent, built from Debian packages only and cached. Prints two lines: the
# kernel's path, then the initramfs's.
#
#   scripts/guest-image.sh           build if this package set has not been built yet, then print
#   scripts/guest-image.sh --print   print only; exit 1 if not built yet
#
# Cached under $VIRTDECK_STATE/images/demo-guest-<key>/, where the key covers the package versions
# (a new kernel, busybox or qemu-ga rebuilds) and the files of scripts/guest-image/.
# Sources: the versioned linux-image-*-cloud-amd64 that linux-image-cloud-amd64 names, busybox-static,
# qemu-guest-agent (all fetched with `apt-get download`, unpacked with `dpkg-deb -x`, never
# installed) and the host's libraries that qemu-ga links to (from qemu-system-x86's dependencies).
# The guest: /init mounts the kernel file systems and runs busybox init (scripts/guest-image/rootfs).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=$(realpath -m "${VIRTDECK_STATE:-$ROOT/.state}")
IMAGES="$STATE/images"
SRC="$ROOT/scripts/guest-image"
# Loaded by the guest's rcS (with what they depend on): virtio devices, the ACPI power button and
# its input events (busybox acpid), loop (the small file system fs-freeze freezes).
MODULES="virtio_pci virtio_blk virtio_scsi virtio_net virtio_console virtio_rng virtio_balloon button evdev loop"

say() { echo "[guest-image] $*" >&2; }
die() { say "$*"; exit 1; }

kernel_package() { apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends: linux-image-/ { print $2; exit }'; }

# The package set this image is built from, as "name=version" words, the kernel first (two
# apt-cache calls: they are most of a cached run's time).
package_set() {
  local kpkg out
  kpkg=$(kernel_package)
  [ -n "$kpkg" ] || return 1
  out=$(apt-cache policy "$kpkg" busybox-static qemu-guest-agent 2>/dev/null |
    awk '/^[^ ]+:$/ { p = substr($1, 1, length($1) - 1) } /Candidate:/ && $2 != "(none)" { printf "%s=%s ", p, $2 }')
  out=${out% }
  [ "$(wc -w <<<"$out")" = 3 ] || return 1
  echo "$out"
}

resolve_packages() {
  PACKAGES=$(package_set) && return
  # A fresh machine has no package lists yet.
  [ "$(id -u)" = 0 ] || die "apt knows no linux-image-cloud-amd64, busybox-static or qemu-guest-agent: run apt-get update as root"
  say "apt-get update (no package lists yet)"
  apt-get update -qq
  PACKAGES=$(package_set) || die "linux-image-cloud-amd64, busybox-static or qemu-guest-agent not in the apt sources"
}

# Package versions, this script and the guest's files (content and modes): a change to any rebuilds.
cache_key() {
  {
    echo "$PACKAGES"
    echo "$MODULES"
    sha256sum "$ROOT/scripts/guest-image.sh" | cut -d' ' -f1
    (cd "$SRC" && find . -type f -print0 | sort -z | xargs -0 stat -c '%n %a' && find . -type f -print0 | sort -z | xargs -0 sha256sum)
  } | sha256sum | cut -c1-16
}

# Every module in $MODULES and what it depends on, as paths under the kernel tree, dependencies first.
module_closure() { # modules-dir
  local dir=$1 name path
  declare -gA KO_PATH=() KO_SEEN=()
  while IFS= read -r path; do
    name=${path##*/}
    name=${name%.ko}
    KO_PATH[${name//-/_}]=$path
  done < <(cd "$dir" && find kernel -name '*.ko')
  for name in $MODULES; do add_module "$name"; done
}

add_module() { # name
  local name=${1//-/_} path dep deps
  [ -n "${KO_SEEN[$name]:-}" ] && return
  KO_SEEN[$name]=1
  path=${KO_PATH[$name]:-}
  # Built into the kernel: nothing to load.
  if [ -z "$path" ]; then
    grep -q "/$1.ko\$\|/${name}.ko\$" "$MOD_DIR/modules.builtin" || die "kernel module $1 is neither built in nor a module"
    return
  fi
  deps=$(tr '\0' '\n' <"$MOD_DIR/$path" | sed -n 's/^depends=//p' | tr ',' ' ')
  for dep in $deps; do add_module "$dep"; done
  echo "$path"
}

# qemu-ga with every library ldd names and the dynamic loader, at the same paths.
copy_with_libraries() { # binary dest-root
  local bin=$1 dest=$2 lib
  local libs
  libs=$(ldd "$bin") || die "ldd $bin failed"
  if grep -q 'not found' <<<"$libs"; then die "qemu-ga needs libraries this host lacks: $(grep 'not found' <<<"$libs" | tr -s ' \t' ' ')"; fi
  for lib in $(awk '/=> \// { print $3 } /^\t\/[^ ]+ \(/ { print $1 }' <<<"$libs"); do
    mkdir -p "$dest$(dirname "$lib")"
    cp -L "$lib" "$dest$lib"
  done
}

build() { # out-dir
  local out=$1 tmp kpkg bb deb kver
  tmp=$(mktemp -d "$IMAGES/.build.XXXXXX")
  BUILD_TMP=$tmp
  trap 'rm -rf "$BUILD_TMP"' EXIT
  mkdir -p "$tmp/debs" "$tmp/x" "$tmp/root"
  kpkg=${PACKAGES%%=*}
  say "downloading ${PACKAGES// /, }"
  # (Sandbox::User=root: the download folder is root's own, which apt's _apt user could not write.)
  if ! (cd "$tmp/debs" && apt-get download -q -o APT::Sandbox::User=root "$kpkg" busybox-static qemu-guest-agent >/dev/null); then
    # Package lists older than the mirror name versions it no longer has: update them once and
    # start again (the new versions make a new cache key).
    [ "$(id -u)" = 0 ] && [ -z "${GUEST_IMAGE_RETRY:-}" ] || die "apt-get download failed"
    say "apt-get download failed: apt-get update, then once more"
    rm -rf "$tmp"
    apt-get update -qq
    exec 9>&-
    GUEST_IMAGE_RETRY=1 exec bash "$ROOT/scripts/guest-image.sh" "${ARGS[@]}"
  fi
  for deb in "$tmp"/debs/*.deb; do dpkg-deb -x "$deb" "$tmp/x"; done

  local r=$tmp/root
  cp -a "$SRC/rootfs/." "$r/"
  mkdir -p "$r"/{bin,dev,proc,sys,run,tmp,root,mnt,var,usr/sbin,lib/modules}
  ln -s /run "$r/var/run"
  bb=$tmp/x/bin/busybox
  install -m 0755 "$bb" "$r/bin/busybox"
  local applet
  for applet in $("$bb" --list-full); do
    [ -e "$r/$applet" ] && continue # a file of rootfs/ wins over an applet link
    mkdir -p "$r/$(dirname "$applet")"
    ln -s /bin/busybox "$r/$applet"
  done

  install -m 0755 "$tmp/x/usr/sbin/qemu-ga" "$r/usr/sbin/qemu-ga"
  copy_with_libraries "$tmp/x/usr/sbin/qemu-ga" "$r"

  kver=$(ls "$tmp/x/lib/modules")
  MOD_DIR=$tmp/x/lib/modules/$kver
  local mods path
  mods=$(module_closure "$MOD_DIR")
  for path in $mods; do
    mkdir -p "$r/lib/modules/$kver/$(dirname "$path")"
    cp "$MOD_DIR/$path" "$r/lib/modules/$kver/$path"
  done
  cp "$MOD_DIR/modules.builtin" "$MOD_DIR/modules.order" "$r/lib/modules/$kver/"
  "$bb" depmod -b "$r" "$kver"
  echo "$MODULES" >"$r/etc/modules"

  mkdir -p "$tmp/out"
  cp "$tmp/x/boot/vmlinuz-$kver" "$tmp/out/vmlinuz"
  (cd "$r" && find . | LC_ALL=C sort | "$bb" cpio -o -H newc -R 0:0 2>/dev/null) | gzip -9 >"$tmp/out/initrd.img"
  printf '%s\n' "$PACKAGES" >"$tmp/out/packages"
  rm -rf "$out"
  mv "$tmp/out" "$out"
  say "built $out ($(du -h "$out/initrd.img" | cut -f1) initramfs, $(echo "$mods" | wc -w) modules, kernel $kver)"
  prune_old_builds "$out"
}

# Earlier builds go, unless a defined domain still boots from one (its XML names the folder).
prune_old_builds() { # keep
  local d
  for d in "$IMAGES"/demo-guest-*; do
    [ "$d" = "$1" ] || [ ! -d "$d" ] && continue
    grep -qs "$d/" /etc/libvirt/qemu/*.xml && continue
    rm -rf "$d"
  done
}

ARGS=("$@")

main() {
  local print_only=false
  case "${1:-}" in
    --print) print_only=true ;;
    "") ;;
    *) echo "usage: $0 [--print]" >&2; exit 2 ;;
  esac
  command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || die "needs Debian's apt-get and dpkg-deb"
  mkdir -p "$IMAGES"
  resolve_packages
  local out
  out="$IMAGES/demo-guest-$(cache_key)"
  if [ ! -f "$out/initrd.img" ]; then
    $print_only && die "not built yet: run $0"
    # One build at a time (test suites may ask together); the second waits, then finds it built.
    exec 9>"$IMAGES/.lock"
    flock 9
    if [ ! -f "$out/initrd.img" ]; then
      local t0=$SECONDS
      build "$out"
      say "build took $((SECONDS - t0)) s"
    fi
  fi
  echo "$out/vmlinuz"
  echo "$out/initrd.img"
}

main "$@"
