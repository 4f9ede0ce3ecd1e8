// The live events the BFF streams to the browser (one subscription per browser tab), fed from
// libvirt's own event callbacks. Each names its host and the object it concerns.

/** Events may have been missed: fetch that host's state (or everything, with no host) afresh. */
export type Resync = { kind: 'resync'; reason: 'too-old' | 'reconnected' | 'lagging'; hostId: string | null };

export type LiveEvent =
  | { kind: 'lifecycle'; hostId: string; domain: { name: string; uuid: string }; event: string | null; detail: string | null }
  | { kind: 'block-job'; hostId: string; domain: { name: string; uuid: string }; disk: string; type: string | null; status: string | null }
  /** A device joined or left a running domain (`alias` as in its live XML, e.g. net1). */
  | { kind: 'device'; hostId: string; domain: { name: string; uuid: string }; alias: string; change: 'added' | 'removed' | 'removal-failed' }
  /** A CD-ROM drive's tray of a running domain opened or closed: its medium changed. */
  | { kind: 'media'; hostId: string; domain: { name: string; uuid: string }; alias: string; tray: 'open' | 'closed' | null }
  | { kind: 'pool'; hostId: string; pool: { name: string; uuid: string }; event: string | null }
  | { kind: 'network'; hostId: string; network: { name: string; uuid: string }; event: string | null };
