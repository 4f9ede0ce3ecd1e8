// Stream procedures (`@readstream` / `@writestream`): after the call's reply, STREAM packets with
// the call's serial carry raw bytes (status CONTINUE), end it (OK) or abort it (ERROR, with a
// remote_error). Either side ends; the other confirms with an empty STREAM OK packet.
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
   * STREAM packet with status OK (or, for reads, an empty CONTINUE): the peer ended (read) or
   * confirmed our end (write).
   */
  onEnd(): void;
  onError(e: Error): void;
  onHole(length: bigint): void;
}

/** A read stream (`@readstream`): a Node Readable of byte chunks, also an async iterable. */
export class RpcReadStream extends Readable implements StreamSink {
  private eof = false;
  private settled = false;

  constructor(
    private readonly host: StreamHost,
    readonly serial: number,
    highWaterMark: number,
  ) {
    super({ highWaterMark });
    // Errors reach the consumer through iteration, finish() or pipeline(); a connection that
    // drops under a stream nobody listens to must not crash the process with 'error'.
    this.on('error', () => {});
  }

  onData(data: Uint8Array): void {
    if (this.settled) return;
    // libvirtd marks the end of a read stream with an empty CONTINUE packet (daemonStreamHandleRead).
    if (data.length === 0) return this.onEnd();
    if (this.eof) return;
    if (!this.push(data)) this.host.pauseReading(this);
  }

  onEnd(): void {
    if (this.settled) return;
    if (!this.eof) {
      // The daemon reached the end: confirm with our own OK and wait for its acknowledgement,
      // as virStreamFinish does, so a late error still surfaces.
      this.eof = true;
      this.host.sendStream(this.serial, MessageStatus.OK);
      return;
    }
    this.settle();
    this.push(null);
  }

  onError(e: Error): void {
    if (this.settled) return;
    this.settle();
    this.destroy(e);
  }

  onHole(_length: bigint): void {
    // Sparse streams are never requested (no *_SPARSE_STREAM flag is sent), so holes are ignored.
  }

  override _read(): void {
    this.host.resumeReading(this);
  }

  override _destroy(err: Error | null, cb: (e: Error | null) => void): void {
    if (!this.settled) {
      // The consumer gave up early: tell the daemon to abort (unless it already ended and our
      // OK is on its way). Its answer finds no stream and is dropped by the connection.
      this.settle();
      if (!this.eof) this.host.sendStream(this.serial, MessageStatus.ERROR);
    }
    cb(err);
  }

  private settle(): void {
    this.settled = true;
    this.host.resumeReading(this);
    this.host.release(this.serial);
  }
}

/**
 * A write stream (`@writestream`): a Node Writable that cuts data into STREAM packets of at most
 * STREAM_CHUNK_MAX bytes and waits for the socket to drain. `finish()` ends it and waits for the
 * daemon's confirmation; `abort()` cancels it.
 */
export class RpcWriteStream extends Writable implements StreamSink {
  private failure: Error | null = null;
  private settled = false;
  private confirm: { resolve: () => void; reject: (e: Error) => void } | null = null;

  constructor(
    private readonly host: StreamHost,
    readonly serial: number,
    highWaterMark: number,
  ) {
    super({ highWaterMark });
    // Errors reach the consumer through iteration, finish() or pipeline(); a connection that
    // drops under a stream nobody listens to must not crash the process with 'error'.
    this.on('error', () => {});
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

  onData(): void {
    // Data never flows towards a write stream; ignore.
  }

  onEnd(): void {
    if (this.confirm) {
      const c = this.confirm;
      this.confirm = null;
      this.settle();
      c.resolve();
    } else {
      this.onError(new LibvirtClientError('stream: the daemon ended an upload stream early'));
    }
  }

  onError(e: Error): void {
    if (this.settled) return;
    this.failure = e;
    if (this.confirm) {
      const c = this.confirm;
      this.confirm = null;
      this.settle();
      c.reject(e);
      return;
    }
    this.settle();
    this.destroy(e);
  }

  onHole(): void {}

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.sendChunks(chunk).then(() => cb(), cb);
  }

  private async sendChunks(chunk: Uint8Array): Promise<void> {
    for (let off = 0; off < chunk.length; off += STREAM_CHUNK_MAX) {
      if (this.failure) throw this.failure;
      if (this.settled) throw new TransportError('stream: already closed');
      const ok = this.host.sendStream(this.serial, MessageStatus.CONTINUE, chunk.subarray(off, off + STREAM_CHUNK_MAX));
      if (!ok) await this.host.drained();
    }
  }

  override _final(cb: (e?: Error | null) => void): void {
    if (this.failure) return cb(this.failure);
    new Promise<void>((resolve, reject) => {
      this.confirm = { resolve, reject };
      this.host.sendStream(this.serial, MessageStatus.OK);
    }).then(() => cb(), cb);
  }

  override _destroy(err: Error | null, cb: (e: Error | null) => void): void {
    if (!this.settled) {
      this.settle();
      this.host.sendStream(this.serial, MessageStatus.ERROR);
    }
    cb(err);
  }

  private settle(): void {
    this.settled = true;
    this.host.release(this.serial);
  }
}

/**
 * Both directions on one stream (consoles and channels: `@readstream` procedures the client
 * also writes to, as virsh console does). Reading works as RpcReadStream, writing as
 * RpcWriteStream. libvirt streams have no half-close: ending our side (`end()`/`finish()`)
 * finishes the whole stream, and the daemon's end finishes it too.
 */
export class RpcDuplexStream extends Duplex implements StreamSink {
  /** We sent our STREAM OK (finish); the daemon's OK that follows is its confirmation. */
  private okSent = false;
  private settled = false;
  private failure: Error | null = null;
  private confirm: { resolve: () => void; reject: (e: Error) => void } | null = null;

  constructor(
    private readonly host: StreamHost,
    readonly serial: number,
    highWaterMark: number,
  ) {
    super({ readableHighWaterMark: highWaterMark, writableHighWaterMark: highWaterMark, allowHalfOpen: true });
    this.on('error', () => {});
  }

  async finish(): Promise<void> {
    if (!this.writableEnded) this.end();
    await finished(this, { readable: false });
  }

  async abort(reason?: Error): Promise<void> {
    this.destroy(reason);
    await finished(this).catch(() => undefined);
  }

  onData(data: Uint8Array): void {
    if (this.settled) return;
    if (data.length === 0) return this.onEnd();
    if (!this.push(data)) this.host.pauseReading(this);
  }

  onEnd(): void {
    if (this.settled) return;
    if (!this.okSent) {
      // The daemon ended (the guest closed the console): confirm, then wait for its OK.
      this.okSent = true;
      this.host.sendStream(this.serial, MessageStatus.OK);
      return;
    }
    this.settle();
    this.push(null);
    const c = this.confirm;
    this.confirm = null;
    if (c) c.resolve();
    else if (!this.writableEnded) this.end(); // nothing more can be written: end our side too
  }

  onError(e: Error): void {
    if (this.settled) return;
    this.failure = e;
    this.settle();
    const c = this.confirm;
    this.confirm = null;
    c?.reject(e);
    this.destroy(e);
  }

  onHole(): void {}

  override _read(): void {
    this.host.resumeReading(this);
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.sendChunks(chunk).then(() => cb(), cb);
  }

  private async sendChunks(chunk: Uint8Array): Promise<void> {
    for (let off = 0; off < chunk.length; off += STREAM_CHUNK_MAX) {
      if (this.failure) throw this.failure;
      if (this.settled || this.okSent) throw new LibvirtClientError('stream: already finished');
      const ok = this.host.sendStream(this.serial, MessageStatus.CONTINUE, chunk.subarray(off, off + STREAM_CHUNK_MAX));
      if (!ok) await this.host.drained();
    }
  }

  override _final(cb: (e?: Error | null) => void): void {
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

  override _destroy(err: Error | null, cb: (e: Error | null) => void): void {
    if (!this.settled) {
      this.settle();
      if (!this.okSent) this.host.sendStream(this.serial, MessageStatus.ERROR);
    }
    cb(err);
  }

  private settle(): void {
    this.settled = true;
    this.host.resumeReading(this);
    this.host.release(this.serial);
  }
}
