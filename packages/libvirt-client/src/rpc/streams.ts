// Stream procedures (`@readstream` / `@writestream`): after the call's reply, STREAM packets with
// the call's serial carry raw bytes (status CONTINUE), end it (OK) or abort it (ERROR, with a
// remote_error). Either side ends; the other confirms with an empty STREAM OK packet.
//
// One StreamCore holds that protocol; RpcReadStream (Readable), RpcWriteStream (Writable) and
// RpcDuplexStream (Duplex) are thin Node streams over it, differing only in the directions they
// open. A stream whose consumer stops reading pauses the whole connection's socket (libvirt
// multiplexes everything on one socket): see `openDedicatedConnection` in client.ts.
import { Duplex, Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { LibvirtClientError, TransportError } from '../errors.js';
import { VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX } from '../gen/virnet.gen.js';
import { MessageStatus } from './framing.js';

/** Largest data payload of one STREAM packet we send (what every libvirtd accepts). */
export const STREAM_CHUNK_MAX = VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX;

/** What a stream needs from its connection. */
export interface StreamHost {
  /** Sends one STREAM packet for this stream; false when the socket buffer is full. */
  sendStream(serial: number, status: MessageStatus, data?: Uint8Array): boolean;
  /** Resolves when the socket buffer drained (rejects if the connection closed). */
  drained(): Promise<void>;
  pauseReading(owner: object): void;
  resumeReading(owner: object): void;
  /** Stops routing packets of this serial to the stream; later ones are dropped. */
  release(serial: number): void;
}

/** Packet events a stream receives from the connection's reader loop. */
export interface StreamSink {
  readonly serial: number;
  onData(data: Uint8Array): void;
  /**
   * STREAM packet with status OK (or, for reads, an empty CONTINUE): the peer ended, or
   * confirmed our end.
   */
  onEnd(): void;
  onError(e: Error): void;
  onHole(length: bigint): void;
}

/** The Node stream a core drives: its readable side (if any), its writable end, its destruction. */
interface NodeSide {
  /** Absent for write-only streams. */
  push?: (chunk: Uint8Array | null) => boolean;
  /** Ends the writable side; absent for read-only streams. */
  endWritable?: () => void;
  destroy(e: Error): void;
}

/**
 * The libvirt stream protocol of one serial, for both directions. libvirt streams have no
 * half-close: our OK (finish) ends the whole stream once the daemon confirms it, and the
 * daemon's OK (or, for reads, an empty CONTINUE) ends it once we confirm.
 */
class StreamCore implements StreamSink {
  /** Our STREAM OK is sent: the daemon's next OK confirms the end. */
  private okSent = false;
  /** Nothing more is sent or received; the serial is released. */
  private settled = false;
  private failure: Error | null = null;
  /** finish() waits here for the daemon's confirmation. */
  private confirm: { resolve: () => void; reject: (e: Error) => void } | null = null;

  constructor(
    private readonly host: StreamHost,
    readonly serial: number,
    private readonly side: NodeSide,
  ) {}

  // --- from the daemon ------------------------------------------------------------------

  onData(data: Uint8Array): void {
    if (this.settled || !this.side.push) return;
    // libvirtd marks the end of a read stream with an empty CONTINUE packet (daemonStreamHandleRead).
    if (data.length === 0) return this.onEnd();
    if (!this.side.push(data)) this.host.pauseReading(this);
  }

  onEnd(): void {
    if (this.settled) return;
    if (!this.okSent) {
      if (!this.side.push) return this.onError(new LibvirtClientError('stream: the daemon ended an upload stream early'));
      // The daemon ended (end of data, or the guest closed its console): confirm with our own
      // OK and wait for its acknowledgement, as virStreamFinish does, so a late error surfaces.
      this.okSent = true;
      this.host.sendStream(this.serial, MessageStatus.OK);
      return;
    }
    this.settle();
    this.side.push?.(null);
    const c = this.confirm;
    this.confirm = null;
    if (c) c.resolve();
    else this.side.endWritable?.(); // nothing more can be written: end our side too
  }

  onError(e: Error): void {
    if (this.settled) return;
    this.failure = e;
    this.settle();
    const c = this.confirm;
    this.confirm = null;
    // finish() hears of it through its callback; anything else through the stream's error.
    if (c) c.reject(e);
    else this.side.destroy(e);
  }

  onHole(_length: bigint): void {
    // Sparse streams are never requested (no *_SPARSE_STREAM flag is sent), so holes are ignored.
  }

  // --- from the Node stream -------------------------------------------------------------

  /** The consumer wants more: let the socket flow again. */
  read(): void {
    this.host.resumeReading(this);
  }

  /** Sends data as STREAM packets of at most STREAM_CHUNK_MAX bytes, waiting for the socket to drain. */
  async write(chunk: Uint8Array): Promise<void> {
    for (let off = 0; off < chunk.length; off += STREAM_CHUNK_MAX) {
      if (this.failure) throw this.failure;
      if (this.settled) throw new TransportError('stream: already closed');
      if (this.okSent) throw new LibvirtClientError('stream: already finished');
      const ok = this.host.sendStream(this.serial, MessageStatus.CONTINUE, chunk.subarray(off, off + STREAM_CHUNK_MAX));
      if (!ok) await this.host.drained();
    }
  }

  /** Our end: send OK (unless the daemon's end is being confirmed already), wait for its OK. */
  final(cb: (e?: Error | null) => void): void {
    if (this.failure) return cb(this.failure);
    if (this.settled) return cb(); // the daemon ended it already
    new Promise<void>((resolve, reject) => {
      this.confirm = { resolve, reject };
      if (!this.okSent) {
        this.okSent = true;
        this.host.sendStream(this.serial, MessageStatus.OK);
      }
    }).then(() => cb(), cb);
  }

  /** The Node stream is destroyed: abort on the daemon, unless the stream is ending anyway. */
  destroyed(): void {
    if (this.settled) return;
    // Its answer, and data already in flight, find no stream and are dropped by the connection.
    this.settle();
    if (!this.okSent) this.host.sendStream(this.serial, MessageStatus.ERROR);
  }

  private settle(): void {
    this.settled = true;
    this.host.resumeReading(this);
    this.host.release(this.serial);
  }
}

/** Errors reach the consumer through iteration, finish() or pipeline(); a connection that drops
 * under a stream nobody listens to must not crash the process with an unhandled 'error'. */
const ignoreUnheardErrors = (s: Readable | Writable): void => void s.on('error', () => undefined);

/** A read stream (`@readstream`): a Node Readable of byte chunks, also an async iterable. */
export class RpcReadStream extends Readable {
  private readonly core: StreamCore;

  constructor(host: StreamHost, serial: number, highWaterMark: number) {
    super({ highWaterMark });
    this.core = new StreamCore(host, serial, { push: (c) => this.push(c), destroy: (e) => this.destroy(e) });
    ignoreUnheardErrors(this);
  }

  get serial(): number {
    return this.core.serial;
  }

  /** Where the connection delivers this stream's packets. */
  get sink(): StreamSink {
    return this.core;
  }

  override _read(): void {
    this.core.read();
  }

  override _destroy(err: Error | null, cb: (e: Error | null) => void): void {
    this.core.destroyed();
    cb(err);
  }
}

/**
 * A write stream (`@writestream`): a Node Writable that cuts data into STREAM packets of at most
 * STREAM_CHUNK_MAX bytes and waits for the socket to drain. `finish()` ends it and waits for the
 * daemon's confirmation; `abort()` cancels it.
 */
export class RpcWriteStream extends Writable {
  private readonly core: StreamCore;

  constructor(host: StreamHost, serial: number, highWaterMark: number) {
    super({ highWaterMark });
    this.core = new StreamCore(host, serial, { destroy: (e) => this.destroy(e) });
    ignoreUnheardErrors(this);
  }

  get serial(): number {
    return this.core.serial;
  }

  /** Where the connection delivers this stream's packets. */
  get sink(): StreamSink {
    return this.core;
  }

  /** Ends the stream and resolves once the daemon confirmed every byte was taken. */
  async finish(): Promise<void> {
    if (!this.writableEnded) this.end();
    await finished(this);
  }

  /** Cancels the upload; the daemon discards it. */
  async abort(reason?: Error): Promise<void> {
    this.destroy(reason);
    await finished(this).catch(() => undefined);
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.core.write(chunk).then(() => cb(), cb);
  }

  override _final(cb: (e?: Error | null) => void): void {
    this.core.final(cb);
  }

  override _destroy(err: Error | null, cb: (e: Error | null) => void): void {
    this.core.destroyed();
    cb(err);
  }
}

/**
 * Both directions on one stream (consoles and channels: `@readstream` procedures the client
 * also writes to, as virsh console does). Ending our side (`end()`/`finish()`) finishes the
 * whole stream, and the daemon's end finishes it too.
 */
export class RpcDuplexStream extends Duplex {
  private readonly core: StreamCore;

  constructor(host: StreamHost, serial: number, highWaterMark: number) {
    super({ readableHighWaterMark: highWaterMark, writableHighWaterMark: highWaterMark, allowHalfOpen: true });
    this.core = new StreamCore(host, serial, {
      push: (c) => this.push(c),
      endWritable: () => {
        if (!this.writableEnded) this.end();
      },
      destroy: (e) => this.destroy(e),
    });
    ignoreUnheardErrors(this);
  }

  get serial(): number {
    return this.core.serial;
  }

  /** Where the connection delivers this stream's packets. */
  get sink(): StreamSink {
    return this.core;
  }

  async finish(): Promise<void> {
    if (!this.writableEnded) this.end();
    await finished(this, { readable: false });
  }

  async abort(reason?: Error): Promise<void> {
    this.destroy(reason);
    await finished(this).catch(() => undefined);
  }

  override _read(): void {
    this.core.read();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.core.write(chunk).then(() => cb(), cb);
  }

  override _final(cb: (e?: Error | null) => void): void {
    this.core.final(cb);
  }

  override _destroy(err: Error | null, cb: (e: Error | null) => void): void {
    this.core.destroyed();
    cb(err);
  }
}
