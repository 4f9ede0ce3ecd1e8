// The console sources behind one interface: a TCP connection to a VNC or SPICE server (straight,
// or made by the libvirt host's ssh server), and libvirt's console stream of a serial port.
import type { ConsoleStream, SshTunnels } from '@virtdeck/libvirt-client';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { ByteSource } from './pipe.js';

/** A connected byte stream (a TCP socket, an ssh channel) as a console source. */
function duplexSource(stream: Duplex, closedBy: string): ByteSource {
  const ends: ((r: string) => void)[] = [];
  const end = (r: string) => ends.splice(0).forEach((cb) => cb(r));
  stream.on('error', (e: Error) => end(e.message));
  stream.on('close', () => end(`${closedBy} closed the connection`));
  return {
    write: (d) => stream.write(d),
    onData: (cb) => stream.on('data', cb),
    onDrain: (cb) => stream.on('drain', cb),
    onEnd: (cb) => ends.push(cb),
    pause: () => stream.pause(),
    resume: () => stream.resume(),
    destroy: () => stream.destroy(),
  };
}

/** Bytes per read of a TCP console source: 256 KiB beat both 64 KiB and 1 MiB in the console bench. */
const READ_SIZE = 256 * 1024;

/**
 * Connects to host:port, resolving once connected (or rejecting with the reason). Reads land in
 * a small pool of buffers that the pipe hands back once it has written them on: a framebuffer
 * flood would otherwise allocate (and make V8 collect) a fresh buffer per read.
 */
export function tcpSource(host: string, port: number, timeoutMs = 10_000): Promise<ByteSource> {
  const free: Buffer[] = [];
  let listener: (data: Buffer, release: () => void) => void = (_d, release) => release();
  return new Promise((resolve, reject) => {
    const sock = net.connect({
      host,
      port,
      onread: {
        buffer: () => free.pop() ?? Buffer.allocUnsafeSlow(READ_SIZE),
        callback: (n, buf) => {
          // The buffer of this read is lent until released; the next read gets another one.
          const chunk = Buffer.from(buf.buffer, buf.byteOffset, n);
          const release = () => void free.push(buf as Buffer);
          listener(chunk, release);
          return true;
        },
      },
    });
    sock.setNoDelay(true);
    const timer = setTimeout(() => sock.destroy(new Error(`no answer from ${host}:${port}`)), timeoutMs);
    sock.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    sock.once('connect', () => {
      clearTimeout(timer);
      sock.removeAllListeners('error');
      resolve({ ...duplexSource(sock, 'the console server'), onData: (cb) => void (listener = cb) });
    });
  });
}

/** host:port as the libvirt host's ssh server reaches it, on that host's shared ssh tunnels. */
export async function sshTunnelSource(tunnels: SshTunnels, host: string, port: number): Promise<ByteSource> {
  return duplexSource(await tunnels.open({ host, port }), 'the ssh tunnel to the console server');
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
