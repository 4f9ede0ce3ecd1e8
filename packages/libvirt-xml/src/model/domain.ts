import type { BackingChain } from './backing-chain.js';
import type { Known } from './known.js';

export interface DiskDriver {
  name?: string;
  /** Format of the top layer (`raw`, `qcow2`...). */
  type?: string;
  cache?: string;
  io?: string;
  discard?: string;
}

export interface Disk {
  device: Known<'disk' | 'cdrom' | 'floppy' | 'lun'>;
  /** The disk `type` attribute (file, block, network, volume, dir, nvme, vhostuser...). */
  type: string;
  bus?: string;
  targetDev: string;
  driver: DiskDriver;
  readonly: boolean;
  shareable: boolean;
  transient: boolean;
  serial?: string;
  bootOrder?: number;
  alias?: string;
  chain: BackingChain;
  /** The destination of a block copy or active commit in progress on this disk (live XML only). */
  mirror?: DiskMirror;
}

/** `<mirror>` of a live disk: where a block job writes and whether it can be pivoted yet. */
export interface DiskMirror {
  /** `copy` (block copy) or `active-commit`. */
  job: string;
  /** The destination file, for a file destination. */
  file?: string;
  format?: string;
  /** libvirt's `ready` attribute: `yes` once the job can pivot (`abort`/`pivot` while it ends). */
  ready?: string;
}

export interface NicSource {
  network?: string;
  bridge?: string;
  /** Host device for `direct` (macvtap). */
  dev?: string;
  /** macvtap mode for `direct`: vepa, bridge, private, passthrough. */
  mode?: string;
  portgroup?: string;
}

export interface Nic {
  type: Known<'network' | 'bridge' | 'direct' | 'user' | 'ethernet' | 'hostdev' | 'vhostuser'>;
  mac?: string;
  model?: string;
  source: NicSource;
  targetDev?: string;
  alias?: string;
  /** `<link state='down'/>` → false. */
  linkUp: boolean;
}

export type GraphicsListen =
  | { type: 'address'; address?: string }
  | { type: 'network'; network: string; address?: string }
  | { type: 'socket'; socket?: string }
  | { type: 'none' };

export interface Graphics {
  type: Known<'vnc' | 'spice' | 'rdp' | 'sdl' | 'desktop' | 'egl-headless' | 'dbus'>;
  /** Null when absent or -1 (autoport on an inactive domain: no port chosen yet). */
  port: number | null;
  tlsPort: number | null;
  autoport: boolean;
  listens: GraphicsListen[];
  /** VNC on a unix socket (`socket` attribute or a socket listen). */
  socket?: string;
  /** A password is configured. The password itself is never returned. */
  passwordSet: boolean;
}

export interface CharDevice {
  /** pty, file, unix, tcp, udp, stdio, null, spicevmc... */
  type: string;
  /** Host side pty of a running domain (`tty` attribute or pty `<source path>`). */
  tty?: string;
  /** `<source path>` (pty, file, unix socket path). */
  path?: string;
  target: { type?: string; port?: number };
  alias?: string;
}

export interface DomainOs {
  /** hvm, linux, exe... */
  type: string;
  arch?: string;
  machine?: string;
  /** `<boot dev>` in order (hd, cdrom, network, fd). Per-device `<boot order>` is on each disk. */
  boot: string[];
  firmware?: string;
}

export interface MetadataEntry {
  /** Element name as written, with its prefix (`app:info`). */
  name: string;
  /** Namespace URI declared on the element, when declared there. */
  namespace?: string;
  /** The element re-serialized. */
  xml: string;
}

export interface DomainModel {
  name: string;
  uuid: string;
  type: Known<'qemu' | 'kvm' | 'test'>;
  /** Running domain id; null when inactive (absent or -1). */
  id: number | null;
  title?: string;
  description?: string;
  memoryKiB: number;
  currentMemoryKiB: number;
  maxMemoryKiB?: number;
  /** vCPUs online at boot (`current` attribute, else the maximum). */
  vcpus: number;
  maxVcpus: number;
  os: DomainOs;
  disks: Disk[];
  nics: Nic[];
  graphics: Graphics[];
  consoles: CharDevice[];
  serials: CharDevice[];
  metadata?: MetadataEntry[];
}
