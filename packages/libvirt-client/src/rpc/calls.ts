// Calls waiting for their REPLY, by serial, each with its decoder, timeout and abort signal.
// A reply settles its call once; a call given up on (timeout, abort) is forgotten and its late
// reply dropped. close() waits on whenIdle() for the replies still owed.
import { LibvirtClientError, ProtocolError, TimeoutError } from '../errors.js';
import type { XdrCodec } from '../xdr/index.js';
import { MessageStatus, MessageType, payloadReader } from './framing.js';
import type { Packet } from './framing.js';
import { readLibvirtError } from './remote-error.js';

export interface CallOptions {
  signal?: AbortSignal;
  /** Rejects with TimeoutError past this many ms (the daemon still runs the call). */
  timeoutMs?: number;
}

interface PendingCall {
  decode: (p: Packet) => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  cleanup: () => void;
}

export class PendingCalls {
  private readonly calls = new Map<number, PendingCall>();
  private onIdle: (() => void) | null = null;

  get size(): number {
    return this.calls.size;
  }

  has(serial: number): boolean {
    return this.calls.has(serial);
  }

  /** Registers a call, then `send`s it; resolves with its decoded reply. */
  wait<R>(name: string, serial: number, ret: XdrCodec<R>, opts: CallOptions, send: () => void): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const { signal, timeoutMs } = opts;
      let timer: NodeJS.Timeout | undefined;
      const cleanup = (): void => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const giveUp = (e: Error): void => {
        this.forget(serial);
        cleanup();
        reject(e);
      };
      const onAbort = (): void => giveUp(signal?.reason instanceof Error ? signal.reason : new LibvirtClientError(`${name}: aborted`));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs !== undefined) timer = setTimeout(() => giveUp(new TimeoutError(`${name}: no reply within ${timeoutMs} ms`)), timeoutMs);
      this.calls.set(serial, { decode: (p) => decodeReply(name, ret, p), resolve: resolve as (v: unknown) => void, reject, cleanup });
      send();
    });
  }

  /** Settles the call a REPLY answers. A reply nobody waits for (given up on) is dropped. */
  settle(p: Packet): void {
    const call = this.calls.get(p.header.serial);
    if (!call) return;
    this.forget(p.header.serial);
    call.cleanup();
    let result: unknown;
    try {
      if (p.header.type === MessageType.REPLY_WITH_FDS) throw new ProtocolError('rpc: replies carrying file descriptors are not supported');
      result = call.decode(p);
    } catch (e) {
      // For a stream call, openStream() discards the stream it registered.
      call.reject(e);
      return;
    }
    call.resolve(result);
  }

  /** Rejects every call with `err` (the connection ended). */
  rejectAll(err: Error): void {
    for (const c of this.calls.values()) {
      c.cleanup();
      c.reject(err);
    }
    this.calls.clear();
    this.onIdle?.();
  }

  /** Resolves once no call waits for a reply, or after `ms`. */
  whenIdle(ms: number): Promise<void> {
    if (this.calls.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.onIdle = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.onIdle = done;
    });
  }

  private forget(serial: number): void {
    this.calls.delete(serial);
    if (this.calls.size === 0) this.onIdle?.();
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
