// The hand-written facade over the generated procedures: what the BFF uses most, with friendly
// types. Anything not here is reachable through `call()` and the generated tables.
//
// Layout: one module per libvirt object, each a small class over the RpcConnection, exposed as a
// property of Libvirt:
//   lv.host       node info, free memory, CPU and memory counters, capabilities, max vCPUs, hostname, versions  (host.ts)
//   lv.domains    list/get/lookup, XML, state, start/shutdown/reboot/destroy/suspend/resume/
//                 reset, autostart, define/undefine, attach/detach/update devices, stats  (domains.ts)
//   lv.pools      storage pools                                                          (pools.ts)
//   lv.volumes    storage volumes, upload/download streams                               (volumes.ts)
//   lv.snapshots  domain snapshots                                                       (snapshots.ts)
//   lv.blockJobs  block commit/pull/rebase/copy, job info, abort/pivot                   (block-jobs.ts)
//   lv.checkpoints  domain checkpoints (dirty bitmaps for incremental backups)         (checkpoints.ts)
//   lv.backups    backup jobs (push mode), job stats, abort, file-system freeze/thaw    (backups.ts)
//   lv.networks   virtual networks                                                       (networks.ts)
//   lv.guests     NIC addresses (agent, DHCP lease, ARP) and the guest agent's info      (guests.ts)
//   lv.events     lifecycle, block job, reboot, graphics, device, pool and network events (events.ts)
//   lv.openConsole(dom, dev, flags)  a domain console stream                             (console.ts)
//   lv.call / openReadStream / openWriteStream / openDuplexStream  any generated procedure,
//                 typed by its table entry; stream openers take only stream procedures
//   Libvirt.withOwnConnection(uri, opts, use, streamOf)  a stream on a connection of its own,
//                 so that a slow reader stalls nobody else (see rpc/connection.ts)
// Methods are verb-first; objects are named by handle, UUID or name (refs.ts); flags are a number
// or names of the generated flag table (names.ts); errors are tested with the predicates of
// errors.ts, by code.
import type { Readable, Writable } from 'node:stream';
import { openConnection, type OpenOptions } from '../client.js';
import type { VirDomainConsoleFlags } from '../gen/index.js';
import type { CallOptions, ConnectionClosed, RpcConnection, StreamOptions } from '../rpc/connection.js';
import type { RpcDuplexStream, RpcReadStream, RpcWriteStream } from '../rpc/streams.js';
import type { ProcedureDef } from '../xdr/codec.js';
import { Backups } from './backups.js';
import { BlockJobs } from './block-jobs.js';
import { Checkpoints } from './checkpoints.js';
import { openConsole, type ConsoleStream } from './console.js';
import { Domains } from './domains.js';
import { Events } from './events.js';
import { Guests } from './guests.js';
import { Host } from './host.js';
import type { Flags } from './names.js';
import { Networks } from './networks.js';
import { Pools } from './pools.js';
import type { DomainRef } from './refs.js';
import { Snapshots } from './snapshots.js';
import { Volumes } from './volumes.js';

export type { DomainSummary } from './domains.js';
export type { HypervisorInfo } from './host.js';

/** A Node stream the own connection of `Libvirt.withOwnConnection` lives as long as. */
export type Stream = Readable | Writable;

export class Libvirt {
  readonly host: Host;
  readonly domains: Domains;
  readonly pools: Pools;
  readonly volumes: Volumes;
  readonly snapshots: Snapshots;
  readonly blockJobs: BlockJobs;
  readonly checkpoints: Checkpoints;
  readonly backups: Backups;
  readonly networks: Networks;
  readonly guests: Guests;
  readonly events: Events;

  private constructor(private readonly rpc: RpcConnection) {
    this.host = new Host(rpc);
    this.domains = new Domains(rpc);
    this.pools = new Pools(rpc);
    this.volumes = new Volumes(rpc);
    this.snapshots = new Snapshots(rpc);
    this.blockJobs = new BlockJobs(rpc);
    this.checkpoints = new Checkpoints(rpc);
    this.backups = new Backups(rpc);
    this.networks = new Networks(rpc);
    this.guests = new Guests(rpc);
    this.events = new Events(rpc);
  }

  static async connect(uri: string, options?: OpenOptions): Promise<Libvirt> {
    return new Libvirt(await openConnection(uri, options));
  }

  /**
   * Runs `use` on a libvirt connection of its own: for stream users. libvirt carries every call,
   * event and stream of a connection on one socket, and a stream whose consumer stops reading
   * pauses that socket, so on a shared connection one slow console or download stalls every
   * other caller. Without `streamOf`, the connection closes once `use` settles (an upload). With
   * it, the connection lives as long as the stream `use` returns, and closes when that stream
   * closes (ended, failed or destroyed); if the connection drops first, the stream fails.
   */
  static async withOwnConnection<T>(uri: string, options: OpenOptions | undefined, use: (lv: Libvirt) => Promise<T>, streamOf?: (result: T) => Stream): Promise<T> {
    const lv = await Libvirt.connect(uri, options);
    const closeQuietly = (): void => void lv.close().catch(() => undefined);
    let result: T;
    try {
      result = await use(lv);
    } catch (e) {
      closeQuietly();
      throw e;
    }
    const stream = streamOf?.(result);
    if (stream === undefined) await lv.close();
    else if (stream.closed) closeQuietly();
    else stream.once('close', closeQuietly);
    return result;
  }

  /** Wraps a connection opened elsewhere (e.g. a pool of long-lived connections). */
  static fromConnection(rpc: RpcConnection): Libvirt {
    return new Libvirt(rpc);
  }

  /** Settles when the connection ends, with the reason it ended (`error` null after `close()`). */
  get closed(): Promise<ConnectionClosed> {
    return this.rpc.closed;
  }

  /** The RPC engine under this facade: the same connection, for what the facade does not wrap. */
  get connection(): RpcConnection {
    return this.rpc;
  }

  /**
   * Any non-stream procedure of the generated tables (`remoteProcedures`, `qemuProcedures`,
   * `lxcProcedures`), for what the facade does not wrap: args and result are typed by the table.
   */
  call<A, R>(proc: ProcedureDef<A, R, 'none'>, args: A, opts?: CallOptions): Promise<R> {
    return this.rpc.call(proc, args, opts);
  }

  /**
   * A `@readstream` procedure (e.g. `remoteProcedures.domainScreenshot`): its typed reply and a
   * Readable of the bytes the daemon sends. While the Readable is not read, the whole
   * connection waits: give long streams their own connection (`withOwnConnection`).
   */
  openReadStream<A, R>(proc: ProcedureDef<A, R, 'read'>, args: A, opts?: StreamOptions): Promise<{ ret: R; stream: RpcReadStream }> {
    return this.rpc.openReadStream(proc, args, opts);
  }

  /** A `@writestream` procedure (e.g. `storageVolUpload`): write, then `await stream.finish()`. */
  openWriteStream<A, R>(proc: ProcedureDef<A, R, 'write'>, args: A, opts?: StreamOptions): Promise<{ ret: R; stream: RpcWriteStream }> {
    return this.rpc.openWriteStream(proc, args, opts);
  }

  /**
   * A `@readstream` procedure the daemon treats as two-way (domainOpenConsole, domainOpenChannel):
   * bytes from the daemon on the readable side, ours through the writable side.
   */
  openDuplexStream<A, R>(proc: ProcedureDef<A, R, 'read'>, args: A, opts?: StreamOptions): Promise<{ ret: R; stream: RpcDuplexStream }> {
    return this.rpc.openDuplexStream(proc, args, opts);
  }

  /** A domain's console (devName null: the first console); ['FORCE'] takes it from another client. */
  openConsole(dom: DomainRef, devName: string | null = null, flags?: Flags<typeof VirDomainConsoleFlags>): Promise<ConsoleStream> {
    return openConsole(this.rpc, dom, devName, flags);
  }

  /**
   * The daemon's libvirt version, "9.0.0". The one flat shortcut left, for the BFF's snapshot
   * router; new code calls `host.libVersion()`.
   */
  getLibVersion(): Promise<string> {
    return this.host.libVersion();
  }

  async close(): Promise<void> {
    await this.rpc.close();
  }
}
