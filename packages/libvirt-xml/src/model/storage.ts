import type { Known } from './known.js';

export interface VolumeModel {
  name: string;
  key: string;
  /** file, block, dir, network, netdir, ploop. */
  type: string;
  /**
   * Sizes in bytes as JS numbers (JSON-friendly for the UI): exact up to 2^53 bytes (8 PiB);
   * beyond that they lose precision but keep their magnitude.
   */
  capacityBytes: number;
  allocationBytes: number;
  physicalBytes?: number;
  /** `compat`: a qcow2 image's version, '0.10' (v2) or '1.1' (v3), when libvirt reports one (it does for v3); v3 is needed for checkpoints (persistent dirty bitmaps). */
  target: { path: string; format: string | null; compat?: string };
  /** The immediate parent only: a volume's XML never names the rest of its chain. */
  backingStore: { path: string; format: string | null } | null;
}

export interface PoolSource {
  /** First `<host name>` (netfs, iscsi, gluster, rbd); all of them in `hosts`. */
  host?: string;
  hosts: { name: string; port?: number }[];
  /** `<dir path>` (netfs export, gluster dir). */
  dir?: string;
  /** First `<device path>` (fs, logical PVs, disk, iscsi); all of them in `devices`. */
  device?: string;
  devices: string[];
  /** `<name>` (logical VG name, rbd/gluster pool name). */
  name?: string;
  /** `<format type>` (nfs, ext4, lvm2, gpt...). */
  format?: string;
}

export interface PoolModel {
  name: string;
  uuid: string;
  type: Known<'dir' | 'fs' | 'netfs' | 'logical' | 'disk' | 'iscsi' | 'iscsi-direct' | 'scsi' | 'mpath' | 'rbd' | 'gluster' | 'zfs' | 'vstorage'>;
  capacityBytes: number;
  allocationBytes: number;
  availableBytes: number;
  /** `<target><path>`; absent for pools without a local target (rbd, gluster, iscsi-direct). */
  targetPath?: string;
  source: PoolSource;
}
