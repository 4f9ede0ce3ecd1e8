// Live events of every host, fed from libvirt's own event callbacks (never polling): domains
// (lifecycle, block jobs, devices plugged and unplugged, CD-ROM trays opened and closed), storage
// pools and networks (lifecycle). At each (re)connect of a host the callbacks are registered
// again, and a `resync` marks that events may have been missed while the host was away.
import type { BlockJobEvent, DeviceEvent, DomainLifecycleEvent, EventStream, NetworkLifecycleEvent, PoolLifecycleEvent } from '@virtdeck/libvirt-client';
import type { LiveEvent } from '@virtdeck/contract/live';
import type { HostManager } from '../hosts/host-manager.js';
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
    const pump = async <E>(open: Promise<EventStream<E>>, map: (e: E) => LiveEvent) => {
      const stream = await open;
      if (ended) return void stream.unsubscribe().catch(() => {});
      streams.push(stream as EventStream<unknown>);
      for await (const e of stream) log.push(map(e));
    };
    const onError = (err: unknown) => {
      // The connection went away under the stream: the reconnect registers them again.
      if (!ended) console.error(`[bff] host ${hostId}: event stream ended:`, err instanceof Error ? err.message : err);
    };
    pump(lv.events.domainLifecycle(), (e: DomainLifecycleEvent) => ({
      kind: 'lifecycle',
      hostId,
      domain: e.domain,
      event: e.event,
      detail: e.detail,
    })).catch(onError);
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
    pump(lv.events.poolLifecycle(), (e: PoolLifecycleEvent) => ({ kind: 'pool', hostId, pool: e.pool, event: e.event })).catch(onError);
    pump(lv.events.networkLifecycle(), (e: NetworkLifecycleEvent) => ({ kind: 'network', hostId, network: e.network, event: e.event })).catch(onError);
    return () => {
      ended = true;
      for (const s of streams) void s.unsubscribe().catch(() => {});
    };
  });
  return log;
}
