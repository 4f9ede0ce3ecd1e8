// qemu+unix:// (and every URI without a host): the daemon's local socket.
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { TransportError } from '../errors.js';
import type { Transport } from './transport.js';

export interface UnixTransportOptions {
  path: string;
  /** Gives up connecting after this many ms (default 10 000). */
  connectTimeoutMs?: number;
}

export function createUnixTransport(o: UnixTransportOptions): Transport {
  const description = `unix:${o.path}`;
  return {
    description,
    connect: (signal) => connectSocket(() => net.connect({ path: o.path }), description, o.connectTimeoutMs, signal),
  };
}

/**
 * Opens a net.Socket and settles once: with the connected socket, or a TransportError on
 * failure, timeout or abort (the half-open socket is destroyed).
 */
export function connectSocket(open: () => net.Socket, description: string, timeoutMs = 10_000, signal?: AbortSignal): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new TransportError(`${description}: connect aborted`, { cause: signal.reason }));
    const socket = open();
    const done = (err: TransportError | null): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('error', onError);
      socket.off('connect', onConnect);
      if (err) {
        socket.destroy();
        reject(err);
      } else resolve(socket);
    };
    const onError = (e: Error): void => done(new TransportError(`${description}: ${e.message}`, { cause: e }));
    const onConnect = (): void => {
      socket.setNoDelay?.(true);
      done(null);
    };
    const onAbort = (): void => done(new TransportError(`${description}: connect aborted`, { cause: signal?.reason }));
    const timer = setTimeout(() => done(new TransportError(`${description}: no connection within ${timeoutMs} ms`)), timeoutMs);
    socket.once('error', onError);
    socket.once('connect', onConnect);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
