// The live events the BFF streams to the browser (one subscription per browser tab), fed from
// libvirt's own event callbacks. Each names its host and the object it concerns; a lifecycle
// event also carries the domain's row as the BFF read it after the event, so a browser changes
// that one row in place instead of fetching the list again.
import type { DomainState } from './domain-state.ts';

/** Events may have been missed: fetch that host's state (or everything, with no host) afresh. */
export type Resync = { kind: 'resync'; reason: 'too-old' | 'reconnected' | 'lagging'; hostId: string | null };

/** One row of a host's VM list (what `domain.list` answers per domain). */
export interface DomainRow {
  name: string;
  uuid: string;
  /** The running instance's id, or null when the domain is not running. */
  id: number | null;
  state: DomainState;
  vcpus: number;
  memoryKiB: number;
  maxMemoryKiB: number;
}

export type LiveEvent =
  | {
      kind: 'lifecycle';
      hostId: string;
      domain: { name: string; uuid: string };
      event: string | null;
      detail: string | null;
      /**
       * The domain's row read after the event: null when the domain is gone (undefined, or a
       * transient one stopped); absent when it could not be read (fetch that host's list again).
       */
      row?: DomainRow | null;
    }
  | { kind: 'block-job'; hostId: string; domain: { name: string; uuid: string }; disk: string; type: string | null; status: string | null }
  /** A device joined or left a running domain (`alias` as in its live XML, e.g. net1). */
  | { kind: 'device'; hostId: string; domain: { name: string; uuid: string }; alias: string; change: 'added' | 'removed' | 'removal-failed' }
  /** A CD-ROM drive's tray of a running domain opened or closed: its medium changed. */
  | { kind: 'media'; hostId: string; domain: { name: string; uuid: string }; alias: string; tray: 'open' | 'closed' | null }
  /** `row`: the pool's row in `storage.pool.list` after the event (null: gone; absent: unread). */
  | { kind: 'pool'; hostId: string; pool: { name: string; uuid: string }; event: string | null; row?: ObjectRow | null }
  /** `row`: the network's row in `network.list` after the event (null: gone; absent: unread). */
  | { kind: 'network'; hostId: string; network: { name: string; uuid: string }; event: string | null; row?: ObjectRow | null };

/** A pool's or network's row as its list shows it; the list's answer type has its other fields. */
export type ObjectRow = { name: string; uuid: string } & Record<string, unknown>;

/**
 * A list with one domain's row changed as a lifecycle event reports it: replaced, added when the
 * list lacks it (a new domain), or removed when `row` is null (the domain is gone). The BFF's
 * list cache and the browser's cached lists both change this way. Rows of other domains stay
 * the same objects, so a page re-renders only the changed row.
 */
export function applyDomainRow<T extends { uuid: string }>(list: readonly T[], uuid: string, row: T | null): T[] {
  const at = list.findIndex((d) => d.uuid === uuid);
  if (row === null) return at < 0 ? [...list] : [...list.slice(0, at), ...list.slice(at + 1)];
  if (at < 0) return [...list, row];
  const next = [...list];
  next[at] = row;
  return next;
}
