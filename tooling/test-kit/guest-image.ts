// A guest that boots a real OS: the Debian kernel and busybox initramfs with the QEMU guest agent
// that scripts/guest-image.sh builds from Debian packages (once, cached under the state folder),
// and the domain XML that boots it under TCG. For tests that need a guest OS: consoles with a
// shell prompt, guest-agent calls, shutdown through ACPI or the agent, DHCP leases.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './daemon.js';

export interface GuestImage {
  kernel: string;
  initrd: string;
}

/** The virtio-serial channel name qemu-ga listens on (and libvirt talks to). */
export const GUEST_AGENT_CHANNEL = 'org.qemu.guest_agent.0';
/** What the guest prints on the serial console before each shell: "<banner><hostname>, login shell below" (the screen has "-" for the dash). */
export const GUEST_BANNER = 'Virtdeck demo guest — ';

let cached: GuestImage | undefined;

/**
 * The kernel and initramfs, built by scripts/guest-image.sh if this package set has not been
 * built yet (about 15 s cold; a few seconds to check the cache). Once per process.
 */
export function guestImage(): GuestImage {
  if (cached) return cached;
  let out: string;
  try {
    out = execFileSync('bash', [path.join(repoRoot, 'scripts/guest-image.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr ?? '';
    throw new Error(`scripts/guest-image.sh failed: ${stderr.trim() || String(e)}`, { cause: e });
  }
  const [kernel, initrd] = out.trim().split('\n');
  if (!kernel || !initrd || !existsSync(kernel) || !existsSync(initrd)) throw new Error(`scripts/guest-image.sh printed no image paths: ${out}`);
  cached = { kernel, initrd };
  return cached;
}

export interface GuestDisk {
  /** The image file on the host. */
  path: string;
  /** Default: from the file name (.qcow2 is qcow2, anything else raw). */
  format?: 'qcow2' | 'raw';
  /** Default: vda, vdb, ... in order (virtio). */
  target?: string;
}

/** 'user': QEMU's own NAT with its DHCP server (10.0.2.15), no host network needed; or a libvirt network. */
export type GuestNic = 'user' | { network: string };

export interface BootableGuestOptions {
  name: string;
  disks?: readonly GuestDisk[];
  nic?: GuestNic;
  /** Default 128 MiB: several suites may boot one at a time. */
  memoryMiB?: number;
  /** Default none: the serial console and the agent are enough for most tests. */
  graphics?: 'vnc' | 'spice' | 'none';
  /** Default: guestImage(). */
  image?: GuestImage;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.+-]{0,199}$/;
const TARGET = /^(vd|sd|hd)[a-z]{1,2}$/;
const FILE = /^\/[^'"<>&\s]+$/;

/** A host name the guest accepts (letters, digits, hyphens; at most 63). */
export const guestHostname = (name: string): string => name.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 63);
/** The root shell's prompt in the home folder of the guest booted as domain `name`. */
export const guestPrompt = (name: string): string => `root@${guestHostname(name)}:~# `;

function check(ok: boolean, what: string): void {
  if (!ok) throw new TypeError(`bootableGuestXml: ${what}`);
}

/**
 * A TCG domain that boots the guest image directly (no bootloader): serial console and VGA
 * console get a root shell, qemu-ga answers on its virtio-serial channel, the first NIC (if any)
 * gets its address by DHCP, the ACPI power button and the agent's guest-shutdown power it off.
 */
export function bootableGuestXml(opts: BootableGuestOptions): string {
  const { name, disks = [], nic, memoryMiB = 128, graphics = 'none' } = opts;
  check(NAME.test(name), `name ${JSON.stringify(name)} has characters a domain name here may not have`);
  check(Number.isInteger(memoryMiB) && memoryMiB >= 64 && memoryMiB <= 1024, `memoryMiB ${memoryMiB} is not 64..1024`);
  const image = opts.image ?? guestImage();
  for (const f of [image.kernel, image.initrd, ...disks.map((d) => d.path)]) check(FILE.test(f), `path ${JSON.stringify(f)} is not a plain absolute path`);
  const diskXml = disks.map((d, i) => {
    const target = d.target ?? `vd${String.fromCharCode(97 + i)}`;
    check(TARGET.test(target), `disk target ${JSON.stringify(target)}`);
    const format = d.format ?? (d.path.endsWith('.qcow2') ? 'qcow2' : 'raw');
    return `<disk type='file' device='disk'><driver name='qemu' type='${format}'/><source file='${d.path}'/><target dev='${target}' bus='virtio'/></disk>`;
  });
  // (No option ROM: iPXE is of no use to a direct kernel boot, and costs TCG time. The virtio RNG
  // below seeds the guest's entropy at once: without it, boot waits on jitter entropy under TCG.)
  let nicXml = '';
  if (nic === 'user') nicXml = `<interface type='user'><model type='virtio'/><rom enabled='no'/></interface>`;
  else if (nic) {
    check(NAME.test(nic.network), `network ${JSON.stringify(nic.network)}`);
    nicXml = `<interface type='network'><source network='${nic.network}'/><model type='virtio'/><rom enabled='no'/></interface>`;
  }
  const graphicsXml =
    graphics === 'none'
      ? ''
      : `<graphics type='${graphics}' autoport='yes' listen='127.0.0.1'/><video><model type='${graphics === 'spice' ? 'qxl' : 'cirrus'}'/></video>`;
  return `<domain type='qemu'>
  <name>${name}</name>
  <memory unit='MiB'>${memoryMiB}</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>${image.kernel}</kernel>
    <initrd>${image.initrd}</initrd>
    <cmdline>console=tty0 console=ttyS0 quiet virtdeck.hostname=${guestHostname(name)}</cmdline>
  </os>
  <features><acpi/></features>
  <devices>
    ${[...diskXml, nicXml].filter(Boolean).join('\n    ')}
    <serial type='pty'><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
    <channel type='unix'><target type='virtio' name='${GUEST_AGENT_CHANNEL}'/></channel>
    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
    ${graphicsXml}
  </devices>
</domain>`;
}
