import type { Known } from './known.js';

/** `<host>` of a network disk source. A unix-socket host has `transport: 'unix'` and `socket`. */
export interface NetworkHost {
  name?: string;
  port?: number;
  transport?: Known<'tcp' | 'rdma' | 'unix'>;
  socket?: string;
}

export interface FileSource {
  kind: 'file';
  path: string;
}
export interface BlockSource {
  kind: 'block';
  dev: string;
}
export interface DirSource {
  kind: 'dir';
  path: string;
}
export interface NetworkSource {
  kind: 'network';
  protocol: Known<'rbd' | 'nbd' | 'iscsi' | 'gluster' | 'sheepdog' | 'http' | 'https' | 'ftp' | 'ftps' | 'tftp' | 'ssh' | 'vxhs' | 'nfs'>;
  /** Image / export / target name (`pool/image`, `iqn.../1`, `volume/path`); absent for e.g. an nbd default export. */
  name?: string;
  hosts: NetworkHost[];
  /** `tls='yes'|'no'`; absent when libvirt's default applies. */
  tls?: boolean;
}
export interface VolumeSource {
  kind: 'volume';
  pool: string;
  volume: string;
  /** iSCSI pools only: `host` or `direct`. */
  mode?: string;
}
export interface NvmeSource {
  kind: 'nvme';
  /** Address type, `pci` today. */
  type: string;
  namespace?: number;
  managed?: boolean;
  /** PCI address as `dddd:bb:ss.f` when given. */
  pciAddress?: string;
}
export interface VhostUserSource {
  kind: 'vhostuser';
  /** Socket type, `unix` today. */
  type: string;
  path: string;
}
export interface VhostVdpaSource {
  kind: 'vhostvdpa';
  dev: string;
}
/** A disk type this package does not model (e.g. `ctl`); `attrs` are the `<source>` attributes as written. */
export interface UnknownSource {
  kind: 'unknown';
  type: string;
  attrs: Record<string, string>;
}

export type DiskSource =
  | FileSource
  | BlockSource
  | DirSource
  | NetworkSource
  | VolumeSource
  | NvmeSource
  | VhostUserSource
  | VhostVdpaSource
  | UnknownSource;

export interface Encryption {
  /** `luks`, `luks2`, `qcow`... */
  format: string;
  engine?: string;
  secretUuid?: string;
  secretUsage?: string;
}

/** A qcow2 external data file (`<dataStore>` inside `<source>`, libvirt 10.10+). */
export interface DataStore {
  index: number | null;
  type: string;
  format: string | null;
  source: DiskSource;
}

export interface Layer {
  /** libvirt's node index (`index` attribute); null when not printed (inactive XML, old libvirt). */
  index: number | null;
  /** The disk/backingStore `type` attribute: file, block, network, volume, dir, nvme, vhostuser... */
  type: string;
  /** Image format: the disk's `<driver type>` for the top layer, `<format type>` below. Null when unknown. */
  format: string | null;
  source: DiskSource;
  dataStore?: DataStore;
  encryption?: Encryption;
  /**
   * True when the layer is opened read-only: the top layer when the disk has `<readonly/>`, and
   * every backing layer (QEMU always opens backing images read-only; libvirt omits the element).
   */
  readonly: boolean;
}

/**
 * - `complete`: the empty `<backingStore/>` end marker was reached; `layers` is the whole chain.
 * - `unprobed`: no end marker: libvirt did not probe the chain (inactive XML shows the top only,
 *   or probing stopped); more layers may exist below the last one.
 * - `broken`: a layer that should be there is unreadable (a `<backingStore>` without `type` or
 *   `<source>`, a `<source>` without its path, a disk that is not removable media without a
 *   source). `layers` holds the readable layers above the break; `problem` says what broke.
 * - `empty`: removable media (cdrom/floppy) with no medium inserted; `layers` is empty. Kept apart
 *   from `broken` because it is a normal state, not corruption.
 */
export type ChainStatus = 'complete' | 'unprobed' | 'broken' | 'empty';

export interface BackingChain {
  /** Index 0 is the disk's own (active, top) source, then each backing layer down to the base. */
  layers: Layer[];
  status: ChainStatus;
  /** Set when `status` is `broken`. */
  problem?: string;
}
