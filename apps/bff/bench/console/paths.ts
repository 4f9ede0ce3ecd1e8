// The three ways the benchmark's client reaches the source: straight over loopback TCP, through
// websockify, and through Virtdeck's console gateway. All three look alike to the measurements:
// a byte pipe with send, an "on bytes" callback and close.
import net from 'node:net';
import WebSocket from 'ws';

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

/** A websocket client as noVNC is one: the 'binary' subprotocol, binary frames both ways. */
export function websocket(url: string, headers: Record<string, string> = {}): Promise<BytePipe> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'binary', { headers, perMessageDeflate: false });
    ws.binaryType = 'nodebuffer';
    ws.once('unexpected-response', (_req, res) => reject(new Error(`${url}: HTTP ${res.statusCode}`)));
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        send: (d) => ws.send(d, { binary: true }),
        onBytes: (cb) => void ws.on('message', (d: Buffer) => cb(d)),
        close: () => ws.terminate(),
      }),
    );
  });
}
