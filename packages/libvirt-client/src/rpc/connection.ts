// The RPC engine over one byte stream: increasing serials, many calls in flight (calls.ts),
// every packet routed by the reader loop (dispatch.ts) to its call, stream or event
// subscription (event-router.ts), streams in both directions with backpressure (streams.ts),
// keepalive, and one end (close.ts): on close every pending call, stream and subscription fails
// with a TransportError whose `cause` tells why; `closed` resolves with the same reason.
//
// One socket carries everything: a stream whose consumer stops reading pauses the socket, and
// with it every other call, event and stream of this connection, until the consumer reads
// again. Give long or slowly consumed streams a connection of their own
// (`Libvirt.withOwnConnection`).
import type { Duplex } from 'node:stream';
import { LibvirtClientError, LibvirtError, ProtocolError, TransportError } from '../errors.js';
import type { MessageDef, ProcedureDef } from '../xdr/index.js';
import { PendingCalls } from './calls.js';
import type { CallOptions } from './calls.js';
import { ConnectionEnd } from './close.js';
import type { ConnectionClosed } from './close.js';
import { dispatch } from './dispatch.js';
import type { Routes } from './dispatch.js';
import { EventRouter } from './event-router.js';
import type { SubscribeOptions, Subscription } from './events.js';
import { FrameDecoder, MessageStatus, MessageType, encodePacket, encodeRawPacket } from './framing.js';
import type { PacketHeader } from './framing.js';
import { KEEPALIVE_PROC_PING, KEEPALIVE_PROC_PONG, KEEPALIVE_PROGRAM, KEEPALIVE_PROTOCOL_VERSION, KeepaliveTimer } from './keepalive.js';
import type { KeepaliveOptions } from './keepalive.js';
import { encodeFailure } from './remote-error.js';
import { RpcDuplexStream, RpcReadStream, RpcWriteStream } from './streams.js';
import type { StreamHost, StreamSink } from './streams.js';

export type { CallOptions } from './calls.js';
export type { ConnectionClosed } from './close.js';

export interface StreamOptions extends CallOptions {
  /** Bytes buffered on our side before the socket is paused (read) or writes wait (write). */
  highWaterMark?: number;
}

export interface ConnectionOptions {
  /** For error messages, e.g. the transport's description. */
  description?: string;
  /** Timeout of every call without its own (default: none). */
  defaultTimeoutMs?: number;
  /** Runs first in `close()`, while the connection still works (e.g. REMOTE_PROC_CONNECT_CLOSE). */
  goodbye?: (c: RpcConnection) => Promise<unknown>;
}

/** Counters for metrics and tests. */
export interface ConnectionStats {
  callsInFlight: number;
  streamsOpen: number;
  subscriptions: number;
  packetsIn: number;
  packetsOut: number;
  bytesIn: number;
  bytesOut: number;
  /** The daemon's keepalive PINGs we answered. */
  pingsAnswered: number;
  /** The daemon's PONGs to our keepalive PINGs. */
  pongsReceived: number;
}

const DEFAULT_STREAM_HWM = 1024 * 1024;

type AnyStream = RpcReadStream | RpcWriteStream | RpcDuplexStream;

export class RpcConnection implements StreamHost {
  readonly description: string;
  /** Resolves once, when the connection is gone; never rejects. */
  readonly closed: Promise<ConnectionClosed>;

  private readonly socket: Duplex;
  private readonly decoder = new FrameDecoder();
  private readonly calls = new PendingCalls();
  /** Open streams by serial, with the header their STREAM packets carry. */
  private readonly streams = new Map<number, { sink: StreamSink; header: PacketHeader }>();
  private readonly events = new EventRouter();
  private readonly ending: ConnectionEnd;
  private readonly routes: Routes;
  private readonly pausedBy = new Set<object>();
  private drainWaiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private nextSerial = 1;
  private corked = false;
  private readonly counters = { packetsIn: 0, packetsOut: 0, bytesIn: 0, bytesOut: 0, pingsAnswered: 0, pongsReceived: 0 };
  private keepalive: KeepaliveTimer | null = null;
  private readonly opts: ConnectionOptions;

  constructor(socket: Duplex, opts: ConnectionOptions = {}) {
    this.socket = socket;
    this.opts = opts;
    this.description = opts.description ?? 'libvirt connection';
    this.ending = new ConnectionEnd(this.description, socket, (err) => this.teardown(err));
    this.closed = this.ending.closed;
    this.routes = {
      calls: this.calls,
      events: this.events,
      streamOf: (serial) => this.streams.get(serial)?.sink,
      ping: () => {
        this.counters.pingsAnswered++;
        this.sendKeepalive(KEEPALIVE_PROC_PONG);
      },
      pong: () => void this.counters.pongsReceived++,
    };
    socket.on('data', (chunk: Uint8Array) => this.onChunk(chunk));
    socket.on('drain', () => this.flushDrainWaiters(null));
    socket.on('end', () => this.destroy(new TransportError(`${this.description}: the daemon closed the connection`)));
    socket.on('close', () => this.destroy(new TransportError(`${this.description}: connection closed`)));
    socket.on('error', (e: Error) => this.destroy(new TransportError(`${this.description}: ${e.message}`, { cause: e })));
  }

  get isClosed(): boolean {
    return this.ending.isEnded;
  }

  get stats(): ConnectionStats {
    return { callsInFlight: this.calls.size, streamsOpen: this.streams.size, subscriptions: this.events.count, ...this.counters };
  }

  /** Calls one procedure and decodes its reply; a daemon error rejects with LibvirtError. */
  call<A, R>(proc: ProcedureDef<A, R, 'none'>, args: A, opts: CallOptions = {}): Promise<R> {
    if (proc.stream !== 'none') {
      return Promise.reject(new LibvirtClientError(`${proc.name} is a stream procedure: use openReadStream/openWriteStream`));
    }
    return this.callWithSerial(proc, args, this.allocSerial(), opts);
  }

  /**
   * Calls a `@readstream` procedure; the stream yields the bytes the daemon sends. While its
   * consumer does not read, the whole connection waits (see the file's header).
   */
  openReadStream<A, R>(proc: ProcedureDef<A, R, 'read'>, args: A, opts: StreamOptions = {}): Promise<{ ret: R; stream: RpcReadStream }> {
    return this.openStream(proc, args, opts, (serial, hwm) => new RpcReadStream(this, serial, hwm));
  }

  /** Calls a `@writestream` procedure; write to the stream, then `await stream.finish()`. */
  openWriteStream<A, R>(proc: ProcedureDef<A, R, 'write'>, args: A, opts: StreamOptions = {}): Promise<{ ret: R; stream: RpcWriteStream }> {
    return this.openStream(proc, args, opts, (serial, hwm) => new RpcWriteStream(this, serial, hwm));
  }

  /**
   * Calls a stream procedure and returns a stream for both directions (domainOpenConsole,
   * domainOpenChannel: the daemon declares them `@readstream`, yet the client writes too).
   */
  openDuplexStream<A, R>(proc: ProcedureDef<A, R, 'read'>, args: A, opts: StreamOptions = {}): Promise<{ ret: R; stream: RpcDuplexStream }> {
    return this.openStream(proc, args, opts, (serial, hwm) => new RpcDuplexStream(this, serial, hwm));
  }

  /** Events of one kind, decoded; unsubscribing is idempotent. Ends with TransportError on close. */
  subscribe<M>(def: MessageDef<M>, opts: SubscribeOptions = {}): Subscription<M> {
    return this.events.subscribe(def, opts, this.isClosed ? this.ending.error() : null);
  }

  /** Answers the daemon's PINGs (always) and starts sending our own. */
  startKeepalive(opts: KeepaliveOptions): void {
    if (this.isClosed) return;
    this.keepalive?.stop();
    this.keepalive = new KeepaliveTimer(
      opts,
      () => this.sendKeepalive(KEEPALIVE_PROC_PING),
      (e) => this.destroy(e),
    );
  }

  /** Waits for the replies still owed, runs the goodbye hook, then ends the socket. */
  close(): Promise<void> {
    const { goodbye } = this.opts;
    return this.ending.close((ms) => this.calls.whenIdle(ms), goodbye && (() => goodbye(this)));
  }

  /** Drops the connection at once, without the goodbye hook. */
  destroy(error?: LibvirtClientError): void {
    this.ending.end(error ?? null);
  }

  // --- StreamHost -------------------------------------------------------------------------

  sendStream(serial: number, status: MessageStatus, data?: Uint8Array): boolean {
    const s = this.streams.get(serial);
    if (!s || this.isClosed) return true;
    return this.write(encodeRawPacket({ ...s.header, status }, data));
  }

  drained(): Promise<void> {
    if (this.isClosed) return Promise.reject(this.ending.error());
    if (!this.socket.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve, reject) => this.drainWaiters.push({ resolve, reject }));
  }

  pauseReading(owner: object): void {
    if (this.isClosed) return;
    this.pausedBy.add(owner);
    this.socket.pause();
    this.keepalive?.hold(true);
  }

  resumeReading(owner: object): void {
    if (!this.pausedBy.delete(owner)) return;
    if (this.pausedBy.size === 0 && !this.isClosed) {
      this.keepalive?.hold(false);
      this.socket.resume();
    }
  }

  release(serial: number): void {
    // Later packets of the serial (the daemon's answer to an abort, data already in flight)
    // find no stream and are dropped. The sink stays registered until its last packet is sent.
    queueMicrotask(() => this.streams.delete(serial));
  }

  // --- internals --------------------------------------------------------------------------

  private async openStream<A, R, S extends AnyStream>(
    proc: ProcedureDef<A, R>,
    args: A,
    opts: StreamOptions,
    make: (serial: number, highWaterMark: number) => S,
  ): Promise<{ ret: R; stream: S }> {
    if (proc.stream === 'none') throw new LibvirtClientError(`${proc.name} is not a stream procedure`);
    const serial = this.allocSerial();
    const stream = make(serial, opts.highWaterMark ?? DEFAULT_STREAM_HWM);
    const header: PacketHeader = { program: proc.program, version: proc.version, procedure: proc.procedure, type: MessageType.STREAM, serial, status: MessageStatus.CONTINUE };
    // Registered before the call is sent, so no early packet is lost.
    this.streams.set(serial, { sink: stream.sink, header });
    try {
      const ret = await this.callWithSerial(proc, args, serial, opts);
      const { signal } = opts;
      if (signal) {
        // The signal keeps its meaning for the whole transfer: aborting cancels the stream.
        const onAbort = (): void => void stream.destroy(signal.reason instanceof Error ? signal.reason : new LibvirtClientError(`${proc.name}: aborted`));
        if (signal.aborted) onAbort();
        else {
          signal.addEventListener('abort', onAbort, { once: true });
          stream.once('close', () => signal.removeEventListener('abort', onAbort));
        }
      }
      return { ret, stream };
    } catch (e) {
      // Given up on our side (timeout, abort) while the daemon may have opened the stream:
      // abort it there too. After a LibvirtError or a closed connection there is nothing to abort.
      if (!(e instanceof LibvirtError) && !this.isClosed) this.write(encodeRawPacket({ ...header, status: MessageStatus.ERROR }));
      this.streams.delete(serial);
      stream.destroy();
      throw e;
    }
  }

  private allocSerial(): number {
    for (;;) {
      const s = this.nextSerial;
      this.nextSerial = s >= 0xffff_ffff ? 1 : s + 1;
      if (!this.calls.has(s) && !this.streams.has(s)) return s;
    }
  }

  private callWithSerial<A, R>(proc: ProcedureDef<A, R>, args: A, serial: number, opts: CallOptions): Promise<R> {
    if (this.isClosed) return Promise.reject(this.ending.error());
    let bytes: Uint8Array;
    try {
      bytes = encodePacket({ program: proc.program, version: proc.version, procedure: proc.procedure, type: MessageType.CALL, serial, status: MessageStatus.OK }, proc.args, args);
    } catch (e) {
      return Promise.reject(encodeFailure(e));
    }
    const timeoutMs = opts.timeoutMs ?? this.opts.defaultTimeoutMs;
    const callOpts: CallOptions = { ...(opts.signal && { signal: opts.signal }), ...(timeoutMs !== undefined && { timeoutMs }) };
    return this.calls.wait(proc.name, serial, proc.ret, callOpts, () => void this.write(bytes));
  }

  private write(bytes: Uint8Array): boolean {
    if (this.isClosed) return true;
    this.counters.packetsOut++;
    this.counters.bytesOut += bytes.length;
    // Packets written in the same tick leave in one syscall: many calls in flight cost the
    // daemon fewer wakeups, and a lone call waits only until the end of the current tick.
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    return this.socket.write(bytes);
  }

  private sendKeepalive(procedure: number): void {
    this.write(encodeRawPacket({ program: KEEPALIVE_PROGRAM, version: KEEPALIVE_PROTOCOL_VERSION, procedure, type: MessageType.MESSAGE, serial: 0, status: MessageStatus.OK }));
  }

  private onChunk(chunk: Uint8Array): void {
    if (this.isClosed) return;
    this.counters.bytesIn += chunk.length;
    try {
      for (const p of this.decoder.push(chunk)) {
        this.counters.packetsIn++;
        this.keepalive?.received();
        dispatch(p, this.routes);
        if (this.isClosed) return;
      }
    } catch (e) {
      this.destroy(e instanceof LibvirtClientError ? e : new ProtocolError(`${this.description}: ${String(e)}`));
    }
  }

  /** Fails everything still waiting (ConnectionEnd calls this once). */
  private teardown(err: LibvirtClientError): void {
    this.keepalive?.stop();
    this.keepalive = null;
    this.calls.rejectAll(err);
    for (const s of [...this.streams.values()]) s.sink.onError(err);
    this.streams.clear();
    this.events.endAll(err);
    this.flushDrainWaiters(err);
  }

  private flushDrainWaiters(err: unknown): void {
    for (const w of this.drainWaiters.splice(0)) {
      if (err) w.reject(err);
      else w.resolve();
    }
  }
}
