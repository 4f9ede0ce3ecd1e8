// Each host's domain list, kept between requests and changed in place by libvirt's lifecycle
// events: each carries the row of the domain it names (live-events.ts), which replaces, adds or
// removes that one row. The list is fetched whole only when it is first asked for, after an
// event without a row (or a resync, or a reconnect), and when it has not been fetched for
// `ttlMs` (what no event reports, such as a balloon's memory). Until then it is served as it is,
// and a refresh runs behind it. Concurrent requests share one fetch, so the daemon is asked once
// however many browsers ask.
import type { DomainSummary, Libvirt } from '@virtdeck/libvirt-client';
import { applyDomainRow, type DomainRow } from '@virtdeck/contract/live';
import type { HostManager } from '../hosts/host-manager.js';
import type { LiveEvent } from './live-events.js';
import type { EventLog } from './event-log.js';

interface Entry {
  /** When the whole list was last asked of the daemon. */
  at: number;
  /** The current list; a fetch in flight resolves it, and events change it in place. */
  list: Promise<DomainSummary[]>;
  /** While a refresh is in flight: the rows events reported meanwhile, applied when it lands. */
  pending: DomainChange[] | null;
}

type DomainChange = { uuid: string; row: DomainRow | null };

const applyRow = (list: readonly DomainSummary[], { uuid, row }: DomainChange): DomainSummary[] => applyDomainRow(list, uuid, row);

const byName = (a: DomainSummary, b: DomainSummary) => a.name.localeCompare(b.name);

export class DomainListCache {
  private readonly entries = new Map<string, Entry>();
  /** Each list's copy sorted by name. A change makes a new list (applyDomainRow), so a list's copy never goes stale. */
  private readonly sorted = new WeakMap<readonly DomainSummary[], DomainSummary[]>();

  constructor(
    hosts: HostManager,
    events: EventLog<LiveEvent>,
    private readonly ttlMs = 30_000,
  ) {
    events.listen(({ event }) => {
      if (event.hostId === null) return this.entries.clear();
      if (event.kind === 'resync') return void this.entries.delete(event.hostId);
      if (event.kind !== 'lifecycle') return;
      if (event.row === undefined) return void this.entries.delete(event.hostId);
      this.change(event.hostId, { uuid: event.domain.uuid, row: event.row });
    });
    hosts.onEveryConnect((hostId) => {
      this.entries.delete(hostId);
      return () => this.entries.delete(hostId);
    });
  }

  /** The host's list: cached (refreshed behind the answer once older than the TTL), or fetched. */
  list(hostId: string, lv: Libvirt): Promise<DomainSummary[]> {
    const hit = this.entries.get(hostId);
    if (!hit) return this.fetch(hostId, lv);
    if (Date.now() - hit.at >= this.ttlMs && !hit.pending) this.refresh(hostId, lv, hit);
    return hit.list;
  }

  /**
   * The host's list sorted by name, sorted once per change of the list rather than per request
   * (1,000 names through the collator under load): every caller gets the same frozen array.
   */
  async listByName(hostId: string, lv: Libvirt): Promise<DomainSummary[]> {
    const list = await this.list(hostId, lv);
    let sorted = this.sorted.get(list);
    if (!sorted) {
      sorted = Object.freeze([...list].sort(byName)) as DomainSummary[];
      this.sorted.set(list, sorted);
    }
    return sorted;
  }

  private fetch(hostId: string, lv: Libvirt): Promise<DomainSummary[]> {
    // Events that arrive meanwhile chain their change after this fetch (see `change`).
    const entry: Entry = { at: Date.now(), list: lv.domains.list(), pending: null };
    this.entries.set(hostId, entry);
    // A failed fetch is not kept: the next request asks the daemon again.
    entry.list.catch(() => this.entries.get(hostId) === entry && this.entries.delete(hostId));
    return entry.list;
  }

  /**
   * Refetches behind the cached list, which is served (and changed by events) until the fresh
   * one lands with the changes reported meanwhile applied on top.
   */
  private refresh(hostId: string, lv: Libvirt, entry: Entry): void {
    entry.at = Date.now();
    const pending: DomainChange[] = [];
    entry.pending = pending;
    lv.domains.list().then(
      (fresh) => {
        if (this.entries.get(hostId) !== entry) return;
        entry.list = Promise.resolve(pending.reduce(applyRow, fresh));
        entry.pending = null;
      },
      () => this.entries.get(hostId) === entry && this.entries.delete(hostId),
    );
  }

  private change(hostId: string, change: DomainChange): void {
    const entry = this.entries.get(hostId);
    if (!entry) return;
    entry.pending?.push(change);
    entry.list = entry.list.then((list) => applyRow(list, change));
    entry.list.catch(() => {});
  }
}
