// Events as async iterables, on libvirt's callback-ID protocol: subscribe to the message on the
// RpcConnection first, then register the callback (so an event sent between the daemon's reply
// and our subscription is not lost), keep only messages carrying our callbackID, and deregister
// on the daemon exactly once when the iteration ends or `unsubscribe()` is called.
import {
  remoteMessages as rm,
  remoteProcedures as rp,
  VirDomainEventID,
  VirDomainEventTrayChangeReason,
  VirNetworkEventID,
  VirStoragePoolEventID,
} from '../gen/index.js';
import type { MessageDef } from '../xdr/codec.js';
import type { RpcConnection } from '../rpc/connection.js';
import type { Subscription } from '../rpc/events.js';
import {
  blockJobStatusName,
  blockJobTypeName,
  domainLifecycleDetailName,
  domainLifecycleEventName,
  graphicsPhaseName,
  networkLifecycleEventName,
  poolLifecycleEventName,
  type BlockJobEventTypeName,
  type BlockJobStatusName,
  type DomainLifecycleEventName,
  type GraphicsPhaseName,
  type NetworkLifecycleEventName,
  type PoolLifecycleEventName,
} from './event-names.js';
import { objectId, resolveDomain, resolveNetwork, resolvePool, type DomainRef, type NetworkRef, type ObjectId, type PoolRef } from './refs.js';

/** An event stream: `for await` it; `unsubscribe()` (idempotent) deregisters on the daemon once. */
export interface EventStream<T> extends AsyncIterable<T> {
  /** Ends the iteration and deregisters the callback; resolves when the daemon confirmed. */
  unsubscribe(): Promise<void>;
  readonly active: boolean;
  /** Events dropped because the consumer fell more than `maxBuffered` behind. */
  readonly dropped: number;
}

export interface EventOptions {
  /** Oldest events are dropped past this many unconsumed ones (default 1024). */
  maxBuffered?: number;
  /** Aborting unsubscribes. */
  signal?: AbortSignal;
}

export interface DomainEventOptions extends EventOptions {
  /** Only this domain's events (filtered by the daemon); default: every domain. */
  dom?: DomainRef;
}

export interface DomainLifecycleEvent {
  domain: ObjectId;
  /** null only for an event number newer than our headers; see `raw`. */
  event: DomainLifecycleEventName | null;
  /** The detail's name within its event (e.g. 'booted', 'destroyed'), null when unknown. */
  detail: string | null;
  raw: { event: number; detail: number };
}

export interface BlockJobEvent {
  domain: ObjectId;
  /** The disk's target name (e.g. 'vda'). */
  disk: string;
  type: BlockJobEventTypeName | null;
  status: BlockJobStatusName | null;
  raw: { type: number; status: number };
}

export interface RebootEvent {
  domain: ObjectId;
}

export interface GraphicsAddress {
  family: 'ipv4' | 'ipv6' | 'unix' | null;
  node: string;
  service: string;
}

export interface GraphicsEvent {
  domain: ObjectId;
  phase: GraphicsPhaseName | null;
  local: GraphicsAddress;
  remote: GraphicsAddress;
  authScheme: string;
  subject: { type: string; name: string }[];
  raw: { phase: number };
}

/** A device that joined or left a running domain (hot-plug, or an unplug the guest completed or refused). */
export interface DeviceEvent {
  domain: ObjectId;
  /** The device's alias in the live XML, e.g. 'net1' or 'virtio-disk1'. */
  alias: string;
  change: 'added' | 'removed' | 'removal-failed';
}

/** A removable-media drive's tray opened or closed: a medium inserted or ejected (TRAY_CHANGE). */
export interface TrayChangeEvent {
  domain: ObjectId;
  /** The drive's alias in the live XML, e.g. 'sata0-0-0'. */
  alias: string;
  /** null only for a reason newer than our headers; see `raw`. */
  tray: 'open' | 'closed' | null;
  raw: { reason: number };
}

export interface PoolLifecycleEvent {
  pool: ObjectId;
  event: PoolLifecycleEventName | null;
  raw: { event: number; detail: number };
}

export interface NetworkLifecycleEvent {
  network: ObjectId;
  event: NetworkLifecycleEventName | null;
  raw: { event: number; detail: number };
}

class CallbackEventStream<M, T> implements EventStream<T> {
  private done: Promise<void> | null = null;
  private readonly abort: (() => void) | null = null;

  constructor(
    private readonly rpc: RpcConnection,
    private readonly raw: Subscription<M>,
    private readonly callbackID: number,
    private readonly callbackOf: (m: M) => number,
    private readonly map: (m: M) => T,
    private readonly deregister: (callbackID: number) => Promise<unknown>,
    private readonly signal: AbortSignal | undefined,
  ) {
    if (signal) {
      this.abort = () => void this.unsubscribe();
      if (signal.aborted) queueMicrotask(this.abort);
      else signal.addEventListener('abort', this.abort, { once: true });
    }
  }

  get active(): boolean {
    return this.done === null && this.raw.active;
  }

  get dropped(): number {
    return this.raw.dropped;
  }

  unsubscribe(): Promise<void> {
    if (this.done) return this.done;
    this.raw.unsubscribe();
    if (this.abort) this.signal?.removeEventListener('abort', this.abort);
    // Deregistering can only fail when the connection is gone, which drops the callback anyway.
    this.done = this.rpc.isClosed ? Promise.resolve() : this.deregister(this.callbackID).then(() => undefined, () => undefined);
    return this.done;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    const it = this.raw[Symbol.asyncIterator]();
    return {
      next: async (): Promise<IteratorResult<T>> => {
        for (;;) {
          // After unsubscribe() the stream is done, even if the connection failed meanwhile.
          if (this.done) return { value: undefined, done: true };
          const r = await it.next();
          if (r.done) return { value: undefined, done: true };
          if (this.callbackOf(r.value) === this.callbackID) return { value: this.map(r.value), done: false };
        }
      },
      return: async (): Promise<IteratorResult<T>> => {
        await this.unsubscribe();
        return { value: undefined, done: true };
      },
    };
  }
}

/** Subscribes to `def`, then registers; the subscription is dropped if registering fails. */
async function openCallbackStream<M, T>(
  rpc: RpcConnection,
  def: MessageDef<M>,
  opts: EventOptions,
  register: () => Promise<number>,
  deregister: (callbackID: number) => Promise<unknown>,
  callbackOf: (m: M) => number,
  map: (m: M) => T,
): Promise<EventStream<T>> {
  const raw = rpc.subscribe(def, opts.maxBuffered !== undefined ? { maxBuffered: opts.maxBuffered } : {});
  let id: number;
  try {
    id = await register();
  } catch (e) {
    raw.unsubscribe();
    throw e;
  }
  return new CallbackEventStream(rpc, raw, id, callbackOf, map, deregister, opts.signal);
}

const addressFamily = (f: number): GraphicsAddress['family'] => (['ipv4', 'ipv6', 'unix'] as const)[f] ?? null;

export class Events {
  constructor(private readonly rpc: RpcConnection) {}

  /** Domain lifecycle events (defined, started, suspended, resumed, stopped, undefined...). */
  domainLifecycle(opts: DomainEventOptions = {}): Promise<EventStream<DomainLifecycleEvent>> {
    return this.domainEvents(VirDomainEventID.LIFECYCLE, rm.domainEventCallbackLifecycle, opts, (m) => m.callbackID, ({ msg }) => ({
      domain: objectId(msg.dom),
      event: domainLifecycleEventName(msg.event),
      detail: domainLifecycleDetailName(msg.event, msg.detail),
      raw: { event: msg.event, detail: msg.detail },
    }));
  }

  /** Block job progress (VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2: the disk named by its target). */
  blockJob(opts: DomainEventOptions = {}): Promise<EventStream<BlockJobEvent>> {
    return this.domainEvents(VirDomainEventID.BLOCK_JOB_2, rm.domainEventBlockJob2, opts, (m) => m.callbackID, (m) => ({
      domain: objectId(m.dom),
      disk: m.dst,
      type: blockJobTypeName(m.type),
      status: blockJobStatusName(m.status),
      raw: { type: m.type, status: m.status },
    }));
  }

  reboot(opts: DomainEventOptions = {}): Promise<EventStream<RebootEvent>> {
    return this.domainEvents(VirDomainEventID.REBOOT, rm.domainEventCallbackReboot, opts, (m) => m.callbackID, ({ msg }) => ({ domain: objectId(msg.dom) }));
  }

  /** Graphics (VNC/SPICE) client connects, initialisations and disconnects. */
  graphics(opts: DomainEventOptions = {}): Promise<EventStream<GraphicsEvent>> {
    return this.domainEvents(VirDomainEventID.GRAPHICS, rm.domainEventCallbackGraphics, opts, (m) => m.callbackID, ({ msg }) => ({
      domain: objectId(msg.dom),
      phase: graphicsPhaseName(msg.phase),
      local: { family: addressFamily(msg.local.family), node: msg.local.node, service: msg.local.service },
      remote: { family: addressFamily(msg.remote.family), node: msg.remote.node, service: msg.remote.service },
      authScheme: msg.authScheme,
      subject: msg.subject.map((s) => ({ type: s.type, name: s.name })),
      raw: { phase: msg.phase },
    }));
  }

  /** Devices hot-plugged into a running domain (VIR_DOMAIN_EVENT_ID_DEVICE_ADDED). */
  deviceAdded(opts: DomainEventOptions = {}): Promise<EventStream<DeviceEvent>> {
    return this.domainEvents(VirDomainEventID.DEVICE_ADDED, rm.domainEventCallbackDeviceAdded, opts, (m) => m.callbackID, (m) => ({
      domain: objectId(m.dom),
      alias: m.devAlias,
      change: 'added' as const,
    }));
  }

  /** A CD-ROM or floppy tray opened or closed: media changed by libvirt or by the guest. */
  trayChange(opts: DomainEventOptions = {}): Promise<EventStream<TrayChangeEvent>> {
    return this.domainEvents(VirDomainEventID.TRAY_CHANGE, rm.domainEventCallbackTrayChange, opts, (m) => m.callbackID, ({ msg }) => ({
      domain: objectId(msg.dom),
      alias: msg.devAlias,
      tray: msg.reason === VirDomainEventTrayChangeReason.OPEN ? ('open' as const) : msg.reason === VirDomainEventTrayChangeReason.CLOSE ? ('closed' as const) : null,
      raw: { reason: msg.reason },
    }));
  }

  /** Devices gone from a running domain, e.g. once the guest let go of an unplugged NIC (DEVICE_REMOVED). */
  deviceRemoved(opts: DomainEventOptions = {}): Promise<EventStream<DeviceEvent>> {
    return this.domainEvents(VirDomainEventID.DEVICE_REMOVED, rm.domainEventCallbackDeviceRemoved, opts, (m) => m.callbackID, ({ msg }) => ({
      domain: objectId(msg.dom),
      alias: msg.devAlias,
      change: 'removed' as const,
    }));
  }

  /** An unplug the guest refused (DEVICE_REMOVAL_FAILED): the device stays. */
  deviceRemovalFailed(opts: DomainEventOptions = {}): Promise<EventStream<DeviceEvent>> {
    return this.domainEvents(VirDomainEventID.DEVICE_REMOVAL_FAILED, rm.domainEventCallbackDeviceRemovalFailed, opts, (m) => m.callbackID, (m) => ({
      domain: objectId(m.dom),
      alias: m.devAlias,
      change: 'removal-failed' as const,
    }));
  }

  /** Storage pool lifecycle events (defined, started, stopped, undefined, created, deleted). */
  async poolLifecycle(opts: EventOptions & { pool?: PoolRef } = {}): Promise<EventStream<PoolLifecycleEvent>> {
    const pool = opts.pool !== undefined ? await resolvePool(this.rpc, opts.pool) : null;
    return openCallbackStream(
      this.rpc,
      rm.storagePoolEventLifecycle,
      opts,
      async () => (await this.rpc.call(rp.connectStoragePoolEventRegisterAny, { eventID: VirStoragePoolEventID.LIFECYCLE, pool })).callbackID,
      (callbackID) => this.rpc.call(rp.connectStoragePoolEventDeregisterAny, { callbackID }),
      (m) => m.callbackID,
      (m) => ({ pool: objectId(m.pool), event: poolLifecycleEventName(m.event), raw: { event: m.event, detail: m.detail } }),
    );
  }

  /** Network lifecycle events (defined, undefined, started, stopped). */
  async networkLifecycle(opts: EventOptions & { network?: NetworkRef } = {}): Promise<EventStream<NetworkLifecycleEvent>> {
    const net = opts.network !== undefined ? await resolveNetwork(this.rpc, opts.network) : null;
    return openCallbackStream(
      this.rpc,
      rm.networkEventLifecycle,
      opts,
      async () => (await this.rpc.call(rp.connectNetworkEventRegisterAny, { eventID: VirNetworkEventID.LIFECYCLE, net })).callbackID,
      (callbackID) => this.rpc.call(rp.connectNetworkEventDeregisterAny, { callbackID }),
      (m) => m.callbackID,
      (m) => ({ network: objectId(m.net), event: networkLifecycleEventName(m.event), raw: { event: m.event, detail: m.detail } }),
    );
  }

  private async domainEvents<M, T>(
    eventID: number,
    def: MessageDef<M>,
    opts: DomainEventOptions,
    callbackOf: (m: M) => number,
    map: (m: M) => T,
  ): Promise<EventStream<T>> {
    const dom = opts.dom !== undefined ? await resolveDomain(this.rpc, opts.dom) : null;
    return openCallbackStream(
      this.rpc,
      def,
      opts,
      async () => (await this.rpc.call(rp.connectDomainEventCallbackRegisterAny, { eventID, dom })).callbackID,
      (callbackID) => this.rpc.call(rp.connectDomainEventCallbackDeregisterAny, { callbackID }),
      callbackOf,
      map,
    );
  }
}
