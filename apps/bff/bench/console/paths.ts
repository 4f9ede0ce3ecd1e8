// How the benchmark's client reaches the source: straight over loopback TCP here, or through
// websockify or Virtdeck's console gateway with lean-websocket.ts. All look alike to the
// measurements: a byte pipe with send, an "on bytes" callback and close.
import net from 'node:net';

export interface BytePipe {
  send(data: Buffer): void;
  onBytes(cb: (data: Buffer) => void): void;
  close(): void;
}

export function rawTcp(port: number): Promise<BytePipe> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: '127.0.0.1', port }, () => {
      sock.setNoDelay(true);
      resolve({ send: (d) => void sock.write(d), onBytes: (cb) => void sock.on('data', cb), close: () => sock.destroy() });
    });
    sock.once('error', reject);
  });
}
