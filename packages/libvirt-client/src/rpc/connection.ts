// The RPC engine: one reader loop over a byte stream, increasing serials, many calls in flight
// with replies routed by serial, events routed by (program, procedure), streams in both
// directions with backpressure, keepalive. On close every pending call, stream and subscription
// fails with a TransportError whose `cause` tells why; `closed` resolves with the same reason.
import type { Duplex } from 'node:stream';
import { LibvirtClientError, LibvirtError, ProtocolError, TimeoutError, TransportError } from '../errors.js';
import type { MessageDef, ProcedureDef, XdrCodec } from '../xdr/index.js';
import { FrameDecoder, MessageStatus, MessageType, encodePacket, encodeRawPacket, payloadBytes, payloadReader } from './framing.js';
import type { Packet, PacketHeader } from './framing.js';
import { EventQueue } from './events.js';
import type { SubscribeOptions, Subscription } from './events.js';
import { KEEPALIVE_PROC_PING, KEEPALIVE_PROC_PONG, KEEPALIVE_PROGRAM, KEEPALIVE_PROTOCOL_VERSION, KeepaliveTimer } from './keepalive.js';
import type { KeepaliveOptions } from './keepalive.js';
import { readLibvirtError } from './remote-error.js';
import { RpcDuplexStream, RpcReadStream, RpcWriteStream } from './streams.js';
import type { StreamHost, StreamSink } from './streams.js';

export interface CallOptions {
  signal?: AbortSignal;
  /** Rejects with TimeoutError past this many ms (the daemon still runs the call). */
  timeoutMs?: number;
}

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

/** Why the connection closed: `error` is null after a local `close()`. */
export interface ConnectionClosed {
  error: LibvirtClientError | null;
}

interface PendingCall {
  decode: (p: Packet) => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  cleanup: () => void;
}

interface Subscriber {
  deliver(p: Packet): void;
  end(e: Error): void;
}

const DEFAULT_STREAM_HWM = 1024 * 1024;
/**
 * How long close() waits for the replies still owed before it says goodbye. libvirtd 9.0 can
 * crash (NULL callback array in remoteClientFreePrivateCallbacks) when a client leaves while one
 * of its event registrations is still being dispatched; a client that waits never races it.
 */
const CLOSE_DRAIN_MS = 5_000;

export class RpcConnection implements StreamHost {
  readonly description: string;
  /** Resolves once, when the connection is gone; never rejects. */
  readonly closed: Promise<ConnectionClosed>;

  private readonly socket: Duplex;
  private readonly decoder = new FrameDecoder();
  private readonly pending = new Map<number, PendingCall>();
  /** Set while close() drains the calls in flight. */
  private onDrained: (() => void) | null = null;
  /** Open streams by serial, with the header their STREAM packets carry. */
  private readonly streams = new Map<number, { sink: StreamSink; header: PacketHeader }>();
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly pausedBy = new Set<object>();
  private drainWaiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private nextSerial = 1;
  private corked = false;
  private readonly counters = { packetsIn: 0, packetsOut: 0, bytesIn: 0, bytesOut: 0, pingsAnswered: 0, pongsReceived: 0 };
  private keepalive: KeepaliveTimer | null = null;
  private closeError: LibvirtClientError | null = null;
  private isClosing = false;
  private _closed = false;
  private resolveClosed!: (c: ConnectionClosed) => void;
  private readonly opts: ConnectionOptions;

  constructor(socket: Duplex, opts: ConnectionOptions = {}) {
    this.socket = socket;
    this.opts = opts;
    this.description = opts.description ?? 'libvirt connection';
    this.closed = new Promise((r) => (this.resolveClosed = r));
    socket.on('data', (chunk: Uint8Array) => this.onChunk(chunk));
    socket.on('drain', () => this.flushDrainWaiters(null));
    socket.on('end', () => this.fail(new TransportError(`${this.description}: the daemon closed the connection`)));
    socket.on('close', () => this.fail(new TransportError(`${this.description}: connection closed`)));
    socket.on('error', (e: Error) => this.fail(new TransportError(`${this.description}: ${e.message}`, { cause: e })));
  }

  get isClosed(): boolean {
    return this._closed;
  }

  get stats(): ConnectionStats {
    let subscriptions = 0;
    for (const s of this.subscribers.values()) subscriptions += s.size;
    return { callsInFlight: this.pending.size, streamsOpen: this.streams.size, subscriptions, ...this.counters };
  }

  /** Calls one procedure and decodes its reply; a daemon error rejects with LibvirtError. */
  call<A, R>(proc: ProcedureDef<A, R>, args: A, opts: CallOptions = {}): Promise<R> {
    if (proc.stream !== 'none') {
      return Promise.reject(new LibvirtClientError(`${proc.name} is a stream procedure: use openReadStream/openWriteStream`));
    }
    return this.callWithSerial(proc, args, this.allocSerial(), opts);
  }

  /** Calls a `@readstream` procedure; the stream yields the bytes the daemon sends. */
  async openReadStream<A, R>(proc: ProcedureDef<A, R>, args: A, opts: StreamOptions = {}): Promise<{ ret: R; stream: RpcReadStream }> {
    const serial = this.allocSerial();
    const stream = new RpcReadStream(this, serial, opts.highWaterMark ?? DEFAULT_STREAM_HWM);
    return this.openStream(proc, args, serial, stream, opts);
  }

  /** Calls a `@writestream` procedure; write to the stream, then `await stream.finish()`. */
  async openWriteStream<A, R>(proc: ProcedureDef<A, R>, args: A, opts: StreamOptions = {}): Promise<{ ret: R; stream: RpcWriteStream }> {
    const serial = this.allocSerial();
    const stream = new RpcWriteStream(this, serial, opts.highWaterMark ?? DEFAULT_STREAM_HWM);
    return this.openStream(proc, args, serial, stream, opts);
  }

  /**
   * Calls a stream procedure and returns a stream for both directions (domainOpenConsole,
   * domainOpenChannel: the daemon declares them `@readstream`, yet the client writes too).
   */
  async openDuplexStream<A, R>(proc: ProcedureDef<A, R>, args: A, opts: StreamOptions = {}): Promise<{ ret: R; stream: RpcDuplexStream }> {
    const serial = this.allocSerial();
    const stream = new RpcDuplexStream(this, serial, opts.highWaterMark ?? DEFAULT_STREAM_HWM);
    return this.openStream(proc, args, serial, stream, opts);
  }

  /** Events of one kind, decoded; unsubscribing is idempotent. Ends with TransportError on close. */
  subscribe<M>(def: MessageDef<M>, opts: SubscribeOptions = {}): Subscription<M> {
    const key = `${def.program}:${def.procedure}`;
    let set = this.subscribers.get(key);
    if (!set) this.subscribers.set(key, (set = new Set()));
    const subs = set;
    const queue: EventQueue<M> = new EventQueue<M>(() => {
      subs.delete(sub);
      if (subs.size === 0 && this.subscribers.get(key) === subs) this.subscribers.delete(key);
    }, opts);
    const sub: Subscriber = {
      deliver: (p) => {
        try {
          const r = payloadReader(p);
          const v = def.msg.decode(r);
          r.done(def.name);
          queue.push(v);
        } catch (e) {
          // A payload that does not decode ends this subscription only; the framing is intact.
          queue.end(e instanceof LibvirtClientError ? e : new ProtocolError(`${def.name}: ${String(e)}`));
          subs.delete(sub);
        }
      },
      end: (e) => queue.end(e),
    };
    if (this._closed) queue.end(this.closedError());
    else if (queue.active) subs.add(sub);
    return queue;
  }

  /** Answers the daemon's PINGs (always) and starts sending our own. */
  startKeepalive(opts: KeepaliveOptions): void {
    if (this._closed) return;
    this.keepalive?.stop();
    this.keepalive = new KeepaliveTimer(
      opts,
      () => this.sendKeepalive(KEEPALIVE_PROC_PING),
      (e) => this.fail(e),
    );
  }

  /** Runs the goodbye hook, then ends the socket; pending calls reject with TransportError. */
  async close(): Promise<void> {
    if (this._closed || this.isClosing) {
      await this.closed;
      return;
    }
    this.isClosing = true;
    await this.drain(CLOSE_DRAIN_MS);
    if (this.opts.goodbye) {
      try {
        await this.opts.goodbye(this);
      } catch {
        // The daemon may be gone already; closing goes on regardless.
      }
    }
    this.fail(null);
    await this.closed;
  }

  /** Resolves once no call waits for a reply (or after `ms`, or when the connection ends). */
  private drain(ms: number): Promise<void> {
    if (this.pending.size === 0 || this._closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.onDrained = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.onDrained = done;
    });
  }

  /** Every removal from `pending` goes through here, so that drain() hears of the last one. */
  private settle(serial: number): void {
    this.pending.delete(serial);
    if (this.pending.size === 0) this.onDrained?.();
  }

  /** Drops the connection at once, without the goodbye hook. */
  destroy(error?: LibvirtClientError): void {
    this.fail(error ?? null);
  }

  // --- StreamHost -------------------------------------------------------------------------

  sendStream(serial: number, status: MessageStatus, data?: Uint8Array): boolean {
    const s = this.streams.get(serial);
    if (!s || this._closed) return true;
    return this.write(encodeRawPacket({ ...s.header, status }, data));
  }

  drained(): Promise<void> {
    if (this._closed) return Promise.reject(this.closedError());
    if (!this.socket.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve, reject) => this.drainWaiters.push({ resolve, reject }));
  }

  pauseReading(owner: object): void {
    if (this._closed) return;
    this.pausedBy.add(owner);
    this.socket.pause();
    this.keepalive?.hold(true);
  }

  resumeReading(owner: object): void {
    if (!this.pausedBy.delete(owner)) return;
    if (this.pausedBy.size === 0 && !this._closed) {
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

  private async openStream<A, R, S extends RpcReadStream | RpcWriteStream | RpcDuplexStream>(
    proc: ProcedureDef<A, R>,
    args: A,
    serial: number,
    stream: S,
    opts: CallOptions,
  ): Promise<{ ret: R; stream: S }> {
    if (proc.stream === 'none') throw new LibvirtClientError(`${proc.name} is not a stream procedure`);
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
      if (!(e instanceof LibvirtError) && !this._closed) this.write(encodeRawPacket({ ...header, status: MessageStatus.ERROR }));
      this.streams.delete(serial);
      stream.destroy();
      throw e;
    }
  }

  private allocSerial(): number {
    for (;;) {
      const s = this.nextSerial;
      this.nextSerial = s >= 0xffff_ffff ? 1 : s + 1;
      if (!this.pending.has(s) && !this.streams.has(s)) return s;
    }
  }

  private callWithSerial<A, R>(proc: ProcedureDef<A, R>, args: A, serial: number, opts: CallOptions): Promise<R> {
    if (this._closed) return Promise.reject(this.closedError());
    let bytes: Uint8Array;
    try {
      bytes = encodePacket({ program: proc.program, version: proc.version, procedure: proc.procedure, type: MessageType.CALL, serial, status: MessageStatus.OK }, proc.args, args);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise<R>((resolve, reject) => {
      const { signal } = opts;
      const timeoutMs = opts.timeoutMs ?? this.opts.defaultTimeoutMs;
      let timer: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        this.settle(serial);
        cleanup();
        reject(signal?.reason instanceof Error ? signal.reason : new LibvirtClientError(`${proc.name}: aborted`));
      };
      const cleanup = (): void => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.settle(serial);
          cleanup();
          reject(new TimeoutError(`${proc.name}: no reply within ${timeoutMs} ms`));
        }, timeoutMs);
      }
      this.pending.set(serial, {
        decode: (p) => decodeReply(proc.name, proc.ret, p),
        resolve: resolve as (v: unknown) => void,
        reject,
        cleanup,
      });
      this.write(bytes);
    });
  }

  private write(bytes: Uint8Array): boolean {
    if (this._closed) return true;
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
    if (this._closed) return;
    this.counters.bytesIn += chunk.length;
    try {
      for (const p of this.decoder.push(chunk)) {
        this.counters.packetsIn++;
        this.keepalive?.received();
        this.dispatch(p);
        if (this._closed) return;
      }
    } catch (e) {
      const err = e instanceof LibvirtClientError ? e : new ProtocolError(`${this.description}: ${String(e)}`);
      this.fail(err);
    }
  }

  private dispatch(p: Packet): void {
    const h = p.header;
    switch (h.type) {
      case MessageType.REPLY:
      case MessageType.REPLY_WITH_FDS: {
        const call = this.pending.get(h.serial);
        if (!call) return; // a call that timed out or was aborted: its late reply is dropped
        this.settle(h.serial);
        call.cleanup();
        let result: unknown;
        try {
          if (h.type === MessageType.REPLY_WITH_FDS) throw new ProtocolError('rpc: replies carrying file descriptors are not supported');
          result = call.decode(p);
        } catch (e) {
          // For a stream call, openStream() discards the stream it registered.
          call.reject(e);
          return;
        }
        call.resolve(result);
        return;
      }
      case MessageType.STREAM:
      case MessageType.STREAM_HOLE: {
        const s = this.streams.get(h.serial)?.sink;
        if (!s) return;
        if (h.type === MessageType.STREAM_HOLE) {
          const r = payloadReader(p);
          s.onHole(r.hyper());
        } else if (h.status === MessageStatus.CONTINUE) s.onData(payloadBytes(p));
        else if (h.status === MessageStatus.OK) s.onEnd();
        else s.onError(readLibvirtError(payloadReader(p)));
        return;
      }
      case MessageType.MESSAGE: {
        if (h.program === KEEPALIVE_PROGRAM) {
          if (h.procedure === KEEPALIVE_PROC_PING) {
            this.counters.pingsAnswered++;
            this.sendKeepalive(KEEPALIVE_PROC_PONG);
          } else if (h.procedure === KEEPALIVE_PROC_PONG) this.counters.pongsReceived++;
          return;
        }
        const subs = this.subscribers.get(`${h.program}:${h.procedure}`);
        if (subs) for (const sub of [...subs]) sub.deliver(p);
        return;
      }
      default:
        // CALLs from the daemon do not exist in libvirt's protocol; ignore.
        return;
    }
  }

  private closedError(): TransportError {
    const why = this.closeError;
    if (why instanceof TransportError) return why;
    return new TransportError(`${this.description}: ${why ? why.message : 'connection closed'}`, why ? { cause: why } : undefined);
  }

  /** Closes everything once. `why` null means a local close. */
  private fail(why: LibvirtClientError | null): void {
    if (this._closed) return;
    this._closed = true;
    this.closeError = why;
    this.keepalive?.stop();
    this.keepalive = null;
    const err = why ? this.closedError() : new TransportError(`${this.description}: connection closed`);
    for (const [, c] of this.pending) {
      c.cleanup();
      c.reject(err);
    }
    this.pending.clear();
    this.onDrained?.();
    for (const s of [...this.streams.values()]) s.sink.onError(err);
    this.streams.clear();
    for (const subs of this.subscribers.values()) for (const sub of subs) sub.end(err);
    this.subscribers.clear();
    this.flushDrainWaiters(err);
    if (why) this.socket.destroy();
    else {
      this.socket.end();
      // Give the daemon a moment to see our FIN, then let go of the socket.
      setTimeout(() => this.socket.destroy(), 1000).unref();
    }
    this.resolveClosed({ error: why });
  }

  private flushDrainWaiters(err: unknown): void {
    for (const w of this.drainWaiters.splice(0)) {
      if (err) w.reject(err);
      else w.resolve();
    }
  }
}

function decodeReply<R>(name: string, codec: XdrCodec<R>, p: Packet): R {
  const r = payloadReader(p);
  if (p.header.status === MessageStatus.ERROR) throw readLibvirtError(r);
  if (p.header.status !== MessageStatus.OK) throw new ProtocolError(`${name}: reply with status ${p.header.status}`);
  const v = codec.decode(r);
  r.done(`${name} reply`);
  return v;
}
