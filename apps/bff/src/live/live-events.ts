// Live events of every host, fed from libvirt's own event callbacks (never polling): domains
// (lifecycle, block jobs, devices plugged and unplugged, CD-ROM trays opened and closed), storage
// pools and networks (lifecycle). At each (re)connect of a host the callbacks are registered
// again, and a `resync` marks that events may have been missed while the host was away.
// A lifecycle event carries the domain's row after it (domain-row.ts), so browsers and the
// domain list cache change that one row; pool and network events carry their row too
// (object-rows.ts). A host's events are logged one at a time, in the order libvirt sent them: a
// row read for a later event never lands before an earlier one's.
import type { BlockJobEvent, DeviceEvent, DomainLifecycleEvent, EventStream, NetworkLifecycleEvent, PoolLifecycleEvent } from '@virtdeck/libvirt-client';
import type { LiveEvent } from '@virtdeck/contract/live';
import type { HostManager } from '../hosts/host-manager.js';
import { DomainRows } from './domain-row.js';
import { networkRowAfter, poolRowAfter } from './object-rows.js';
import { EventLog } from './event-log.js';

/** What the browser receives (see @virtdeck/contract/live). */
export type { LiveEvent };

export function startLiveEvents(hosts: HostManager): EventLog<LiveEvent> {
  const log = new EventLog<LiveEvent>();
  const connectedBefore = new Set<string>();
  hosts.onEveryConnect((hostId, lv) => {
    if (connectedBefore.has(hostId)) log.push({ kind: 'resync', reason: 'reconnected', hostId });
    connectedBefore.add(hostId);
    const streams: EventStream<unknown>[] = [];
    let ended = false;
    // This host's events in arrival order: each waits for the one before it to be logged.
    let tail: Promise<void> = Promise.resolve();
    const pump = async <E>(open: Promise<EventStream<E>>, map: (e: E) => LiveEvent | Promise<LiveEvent>) => {
      const stream = await open;
      if (ended) return void stream.unsubscribe().catch(() => {});
      streams.push(stream as EventStream<unknown>);
      for await (const e of stream) {
        // The mapping (a read of the domain's row) starts now; the logging waits its turn.
        const mapped = map(e);
        tail = tail.then(async () => void log.push(await mapped)).catch((err: unknown) => console.error(`[bff] host ${hostId}: event dropped:`, err));
      }
    };
    const onError = (err: unknown) => {
      // The connection went away under the stream: the reconnect registers them again.
      if (!ended) console.error(`[bff] host ${hostId}: event stream ended:`, err instanceof Error ? err.message : err);
    };
    const rows = new DomainRows(lv);
    pump(lv.events.domainLifecycle(), (e: DomainLifecycleEvent) => lifecycleEvent(hostId, rows, e)).catch(onError);
    pump(lv.events.blockJob(), (e: BlockJobEvent) => ({
      kind: 'block-job',
      hostId,
      domain: e.domain,
      disk: e.disk,
      type: e.type,
      status: e.status,
    })).catch(onError);
    const device = (e: DeviceEvent): LiveEvent => ({ kind: 'device', hostId, domain: e.domain, alias: e.alias, change: e.change });
    pump(lv.events.deviceAdded(), device).catch(onError);
    pump(lv.events.deviceRemoved(), device).catch(onError);
    pump(lv.events.deviceRemovalFailed(), device).catch(onError);
    pump(lv.events.trayChange(), (e): LiveEvent => ({ kind: 'media', hostId, domain: e.domain, alias: e.alias, tray: e.tray })).catch(onError);
    pump(lv.events.poolLifecycle(), async (e: PoolLifecycleEvent): Promise<LiveEvent> => {
      const row = await poolRowAfter(lv, e.pool.name);
      return { kind: 'pool', hostId, pool: e.pool, event: e.event, ...(row !== undefined && { row }) };
    }).catch(onError);
    pump(lv.events.networkLifecycle(), async (e: NetworkLifecycleEvent): Promise<LiveEvent> => {
      const row = await networkRowAfter(lv, e.network.name);
      return { kind: 'network', hostId, network: e.network, event: e.event, ...(row !== undefined && { row }) };
    }).catch(onError);
    return () => {
      ended = true;
      for (const s of streams) void s.unsubscribe().catch(() => {});
    };
  });
  return log;
}

/** A lifecycle event with the domain's row after it. */
async function lifecycleEvent(hostId: string, rows: DomainRows, e: DomainLifecycleEvent): Promise<LiveEvent> {
  const base = { kind: 'lifecycle' as const, hostId, domain: e.domain, event: e.event, detail: e.detail };
  const row = await rows.after(e);
  return row === undefined ? base : { ...base, row };
}
