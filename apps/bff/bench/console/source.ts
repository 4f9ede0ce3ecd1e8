// A VNC-like TCP source for the console benchmark, in a process of its own (as a VNC server is:
// it must not share the client's event loop): a server on loopback that, per connection, either
// streams a requested number of bytes as fast as the reader takes them (a framebuffer flood) or
// echoes what it receives (keystrokes and their answers).
//   'S' + uint64 count  -> sends `count` bytes, in 64 KiB writes, honouring backpressure
//   'E'                 -> echoes every byte from then on
import { spawn } from 'node:child_process';
import net from 'node:net';

const CHUNK = Buffer.alloc(64 * 1024, 0x5a);

export interface ByteSourceServer {
  port: number;
  close(): Promise<void>;
}

function stream(sock: net.Socket, count: number): void {
  let left = count;
  const pump = (): void => {
    while (left > 0) {
      const n = Math.min(left, CHUNK.length);
      left -= n;
      if (!sock.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) return void sock.once('drain', pump);
    }
  };
  pump();
}

function serve(): void {
  const server = net.createServer((sock) => {
    sock.setNoDelay(true);
    sock.on('error', () => sock.destroy());
    let head = Buffer.alloc(0);
    const onHead = (d: Buffer): void => {
      head = Buffer.concat([head, d]);
      if (head[0] === 0x45 /* E */) {
        sock.off('data', onHead);
        if (head.length > 1) sock.write(head.subarray(1));
        sock.pipe(sock);
      } else if (head[0] === 0x53 /* S */ && head.length >= 9) {
        sock.off('data', onHead);
        stream(sock, Number(head.readBigUInt64BE(1)));
      }
    };
    sock.on('data', onHead);
  });
  server.listen(0, '127.0.0.1', () => console.log(`port ${(server.address() as net.AddressInfo).port}`));
}

/** Starts the source process; resolves with its port. */
export function startSource(): Promise<ByteSourceServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the source exited with ${code}`)));
    child.stdout!.once('data', (d: Buffer) => {
      const port = Number(/port (\d+)/.exec(d.toString())?.[1]);
      resolve({
        port,
        close: () => new Promise((r) => (child.once('exit', () => r()), child.kill())),
      });
    });
  });
}

if (process.argv.includes('--serve')) serve();

export const streamRequest = (bytes: number): Buffer => {
  const b = Buffer.alloc(9);
  b[0] = 0x53;
  b.writeBigUInt64BE(BigInt(bytes), 1);
  return b;
};
export const ECHO_REQUEST = Buffer.from('E');
