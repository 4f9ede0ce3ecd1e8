export type SnapshotMode = 'no' | 'internal' | 'external' | 'manual';

export interface SnapshotDisk {
  /** Target (`vda`) or source path, as libvirt names it. */
  name: string;
  snapshot: SnapshotMode;
  /** External overlay: `<source file>` (or `dev` for block). */
  sourcePath?: string;
  /** External overlay format (`<driver type>`). */
  driverType?: string;
}

/**
 * Derived from the memory and disk modes:
 * - `internal`: state kept inside the qcow2 images (memory internal, or no memory and every
 *   snapshotted disk internal: an offline internal snapshot).
 * - `external`: full-system external: memory saved to a file and disks switched to overlays.
 * - `disk-only`: no memory state, disks switched to external overlays (`--disk-only`).
 *   (`manual` disks, which the user snapshots outside libvirt, count as external here.)
 * - `mixed`: some disks internal, others external (libvirt rejects creating these, but old or
 *   hand-written XML may say so).
 * - `unknown`: nothing is snapshotted according to the XML.
 */
export type SnapshotKind = 'internal' | 'external' | 'disk-only' | 'mixed' | 'unknown';

export interface SnapshotModel {
  name: string;
  description?: string;
  /** Domain state when taken: running, paused, shutoff, disk-snapshot... */
  state: string;
  /** Seconds since the epoch; null in XML that was not produced by libvirt (e.g. a create request). */
  creationTime: number | null;
  parent: string | null;
  /** `<memory snapshot>`; `no` when the element is absent. */
  memory: { snapshot: 'no' | 'internal' | 'external'; file?: string };
  disks: SnapshotDisk[];
  kind: SnapshotKind;
  domainUuid?: string;
  domainName?: string;
}
