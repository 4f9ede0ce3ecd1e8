// The two kinds of console source behind one interface: a TCP connection to a VNC or SPICE
// server, and libvirt's console stream of a domain's serial port.
import type { ConsoleStream } from '@virtdeck/libvirt-client';
import net from 'node:net';
import type { ByteSource } from './pipe.js';

/** Connects to host:port, resolving once connected (or rejecting with the reason). */
export function tcpSource(host: string, port: number, timeoutMs = 10_000): Promise<ByteSource> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port });
    sock.setNoDelay(true);
    const timer = setTimeout(() => sock.destroy(new Error(`no answer from ${host}:${port}`)), timeoutMs);
    sock.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    sock.once('connect', () => {
      clearTimeout(timer);
      sock.removeAllListeners('error');
      const ends: ((r: string) => void)[] = [];
      const end = (r: string) => ends.splice(0).forEach((cb) => cb(r));
      sock.on('error', (e) => end(e.message));
      sock.on('close', () => end('the console server closed the connection'));
      resolve({
        write: (d) => sock.write(d),
        onData: (cb) => sock.on('data', cb),
        onDrain: (cb) => sock.on('drain', cb),
        onEnd: (cb) => ends.push(cb),
        pause: () => sock.pause(),
        resume: () => sock.resume(),
        destroy: () => sock.destroy(),
      });
    });
  });
}

/** libvirt's console stream as a byte source; writes are queued and drained in order. */
export function serialSource(stream: ConsoleStream, onDestroy: () => void = () => {}): ByteSource {
  const drains: (() => void)[] = [];
  const ends: ((r: string) => void)[] = [];
  let pending = 0;
  let chain = Promise.resolve();
  const end = (r: string) => ends.splice(0).forEach((cb) => cb(r));
  stream.readable.on('end', () => end('the guest console closed'));
  stream.readable.on('error', (e: Error) => end(e.message));
  return {
    write(d) {
      pending += d.length;
      chain = chain
        .then(() => stream.write(d))
        .then(
          () => {
            pending -= d.length;
            if (pending === 0) drains.forEach((cb) => cb());
          },
          (e: unknown) => end(e instanceof Error ? e.message : String(e)),
        );
      return pending < 64 * 1024;
    },
    onData: (cb) => stream.readable.on('data', (c: Uint8Array) => cb(Buffer.from(c.buffer, c.byteOffset, c.byteLength))),
    onDrain: (cb) => drains.push(cb),
    onEnd: (cb) => ends.push(cb),
    pause: () => stream.readable.pause(),
    resume: () => stream.readable.resume(),
    destroy: () => {
      stream.close();
      onDestroy();
    },
  };
}
