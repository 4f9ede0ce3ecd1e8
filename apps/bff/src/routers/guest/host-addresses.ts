// The addresses of every running domain of a host, for the VM list.
//
// Why one call per host, cached briefly, rather than one per row: the list shows up to 1,000 VMs
// and is virtualised, so per-row queries would start and stop as the user scrolls, each a tRPC
// round trip; one call gives the whole column in one answer. It never blocks the list: the web
// asks for it in a query of its own after the list has rendered, and shows "…" until it lands.
// Only running domains are asked (a stopped one has no addresses), a few at a time so a host
// with slow guest agents (libvirt waits up to 5 s for one that is connected but mute) does not
// take every one of the connection's concurrent calls; the answer is kept 10 s per connection
// and concurrent callers share the fetch in flight, so many open lists cost one sweep.
import type { DomainSummary, Libvirt } from '@virtdeck/libvirt-client';
import type { DomainAddresses } from '@virtdeck/contract/guest';
import { domainAddresses } from './addresses.js';

export const HOST_ADDRESSES_TTL_MS = 10_000;
/** Domains asked at once (each asks its three sources at once). */
const CONCURRENCY = 8;

interface Entry {
  at: number;
  result: Promise<Record<string, DomainAddresses>>;
}

// Keyed by the connection: a reconnect is a new Libvirt and so a fresh sweep.
const cache = new WeakMap<Libvirt, Entry>();

async function sweep(lv: Libvirt, running: DomainSummary[]): Promise<Record<string, DomainAddresses>> {
  const out: Record<string, DomainAddresses> = {};
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < running.length) {
      const d = running[next++]!;
      out[d.uuid] = await domainAddresses(lv, d.uuid);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, running.length) }, worker));
  return out;
}

/** Addresses of the running domains in `domains`, by UUID, from the cache when it is fresh. */
export function hostAddresses(lv: Libvirt, domains: readonly DomainSummary[]): Promise<Record<string, DomainAddresses>> {
  const hit = cache.get(lv);
  if (hit && Date.now() - hit.at < HOST_ADDRESSES_TTL_MS) return hit.result;
  const entry: Entry = { at: Date.now(), result: sweep(lv, domains.filter((d) => d.state === 'running')) };
  cache.set(lv, entry);
  // A failed sweep is not kept: the next call asks again.
  entry.result.catch(() => cache.get(lv) === entry && cache.delete(lv));
  return entry.result;
}
