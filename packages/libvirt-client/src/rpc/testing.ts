// Test helpers (not exported from the package's index): an in-memory socket pair with real
// backpressure, and a scripted fake daemon that speaks the framing layer.
import { Duplex } from 'node:stream';
import { VirNetMessageError } from '../gen/virnet.gen.js';
import type { XdrCodec } from '../xdr/index.js';
import { FrameDecoder, MessageStatus, MessageType, encodePacket, encodeRawPacket } from './framing.js';
import type { Packet, PacketHeader } from './framing.js';

class MemorySide extends Duplex {
  peer!: MemorySide;
  private blocked: (() => void) | null = null;
  /** Bytes this side has written in total. */
  written = 0;

  override _read(): void {
    // Our reader wants more: let the peer's blocked write complete.
    const b = this.peer.blocked;
    this.peer.blocked = null;
    b?.();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    if (this.peer.destroyed || this.peer.readableEnded) return cb(new Error('peer closed'));
    this.written += chunk.length;
    if (this.peer.push(chunk)) cb();
    else this.blocked = () => cb();
  }

  override _final(cb: (e?: Error | null) => void): void {
    this.peer.push(null);
    cb();
  }

  override _destroy(err: Error | null, cb: (e: Error | null) => void): void {
    if (!this.peer.readableEnded && !this.peer.destroyed) this.peer.push(null);
    const b = this.blocked;
    this.blocked = null;
    b?.();
    cb(err);
  }
}

/**
 * Resolves after one turn of the event loop: every nextTick and microtask queued so far (the
 * memory pair and the engine run on nothing else) has run. A point in the program, not a length
 * of time, so a loaded machine cannot make it too short.
 */
export function ioTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Two connected in-memory Duplexes: what one writes, the other reads, with backpressure. */
export function memoryDuplexPair(highWaterMark = 16 * 1024): [MemorySide, MemorySide] {
  const a = new MemorySide({ highWaterMark });
  const b = new MemorySide({ highWaterMark });
  a.peer = b;
  b.peer = a;
  return [a, b];
}

export interface FakeError {
  code: number;
  domain: number;
  message: string | null;
  level?: number;
}

const remoteErrorCodec: XdrCodec<FakeError> = {
  encode: (w, e) =>
    VirNetMessageError.encode(w, { code: e.code, domain: e.domain, message: e.message, level: e.level ?? 2, dom: null, str1: null, str2: null, str3: null, int1: 0, int2: 0, net: null }),
  decode: () => {
    throw new Error('not used');
  },
};

/** The daemon side of a memory pair: reads packets, answers as a test scripts it. */
export class FakePeer {
  readonly packets: Packet[] = [];
  private readonly decoder = new FrameDecoder();
  private waiters: ((p: Packet) => void)[] = [];
  private cursor = 0;
  /** When false, the peer stops reading (to test the client's write backpressure). */
  reading = true;

  constructor(readonly socket: MemorySide) {
    socket.on('data', (chunk: Uint8Array) => {
      for (const p of this.decoder.push(chunk)) {
        this.packets.push(p);
        const w = this.waiters.shift();
        if (w) {
          this.cursor++;
          w(p);
        }
      }
    });
    socket.on('error', () => {});
  }

  /** The next packet not yet returned by next(). */
  next(): Promise<Packet> {
    if (this.cursor < this.packets.length) return Promise.resolve(this.packets[this.cursor++]!);
    return new Promise((r) => this.waiters.push(r));
  }

  send(bytes: Uint8Array): boolean {
    return this.socket.write(bytes);
  }

  reply<R>(call: Packet, codec: XdrCodec<R>, value: R): void {
    this.send(encodePacket({ ...call.header, type: MessageType.REPLY, status: MessageStatus.OK }, codec, value));
  }

  replyError(call: Packet, e: FakeError, type: MessageType = MessageType.REPLY): void {
    this.send(encodePacket({ ...call.header, type, status: MessageStatus.ERROR }, remoteErrorCodec, e));
  }

  stream(call: Packet, status: MessageStatus, data?: Uint8Array): boolean {
    return this.send(encodeRawPacket({ ...call.header, type: MessageType.STREAM, status }, data));
  }

  message(h: Omit<PacketHeader, 'type' | 'serial' | 'status'>, payload?: Uint8Array): void {
    this.send(encodeRawPacket({ ...h, type: MessageType.MESSAGE, serial: 0, status: MessageStatus.OK }, payload));
  }

  close(): void {
    this.socket.destroy();
  }
}
