// Each host's domain list, kept between requests: libvirt's lifecycle events say when it changes
// (the list is dropped and fetched again on next use), a reconnect drops it too, and a short
// time-to-live bounds what no event reports (a balloon's memory). Concurrent requests for a list
// being fetched share that one fetch, so the daemon is asked once however many browsers ask.
import type { DomainSummary, Libvirt } from '@virtdeck/libvirt-client';
import type { HostManager } from '../hosts/host-manager.js';
import type { LiveEvent } from './live-events.js';
import type { EventLog } from './event-log.js';

interface Entry {
  at: number;
  list: Promise<DomainSummary[]>;
}

export class DomainListCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    hosts: HostManager,
    events: EventLog<LiveEvent>,
    private readonly ttlMs = 5_000,
  ) {
    events.listen(({ event }) => {
      if (event.kind === 'pool' || event.kind === 'network') return;
      if (event.hostId === null) this.entries.clear();
      else this.entries.delete(event.hostId);
    });
    hosts.onEveryConnect((hostId) => {
      this.entries.delete(hostId);
      return () => this.entries.delete(hostId);
    });
  }

  list(hostId: string, lv: Libvirt): Promise<DomainSummary[]> {
    const hit = this.entries.get(hostId);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.list;
    const entry: Entry = { at: Date.now(), list: lv.domains.list() };
    this.entries.set(hostId, entry);
    // A failed fetch is not kept: the next request asks the daemon again.
    entry.list.catch(() => this.entries.get(hostId) === entry && this.entries.delete(hostId));
    return entry.list;
  }
}
