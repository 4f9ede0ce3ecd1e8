// A minimal websocket client for the console benchmark: the HTTP upgrade, then frame headers read
// in place and payloads handed on as views of the socket's reads, never joined or copied. The
// `ws` library joins each frame's pieces into one buffer first; on a 2-CPU machine that client
// cost competes with the proxies being measured, so both websocket paths (websockify and the
// gateway) use this client. Binary data frames; pings are answered; client frames are masked as
// RFC 6455 requires.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { BytePipe } from './paths.js';

const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

/** One masked client frame (FIN set). */
function clientFrame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const ext = len < 126 ? 0 : len < 65536 ? 2 : 8;
  const frame = Buffer.alloc(2 + ext + 4 + len);
  frame[0] = 0x80 | opcode;
  frame[1] = 0x80 | (ext === 0 ? len : ext === 2 ? 126 : 127);
  if (ext === 2) frame.writeUInt16BE(len, 2);
  if (ext === 8) frame.writeBigUInt64BE(BigInt(len), 2);
  const mask = randomBytes(4);
  mask.copy(frame, 2 + ext);
  for (let i = 0; i < len; i++) frame[2 + ext + 4 + i] = payload[i]! ^ mask[i & 3]!;
  return frame;
}

export function leanWebsocket(url: string, headers: Record<string, string> = {}): Promise<BytePipe> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: u.hostname, port: Number(u.port) });
    sock.setNoDelay(true);
    sock.once('error', reject);
    sock.once('connect', () => {
      const request = [
        `GET ${u.pathname}${u.search} HTTP/1.1`,
        `Host: ${u.host}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Protocol: binary',
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      ];
      sock.write(`${request.join('\r\n')}\r\n\r\n`);
    });

    let deliver: (d: Buffer) => void = () => {};
    const header = Buffer.alloc(14);
    let headerLen = 0;
    let opcode = 0;
    let left = 0; // payload bytes of the current frame still to come
    let control: Buffer[] = [];

    const headerSize = (): number => {
      if (headerLen < 2) return 2;
      const len7 = header[1]! & 0x7f;
      return 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (header[1]! & 0x80 ? 4 : 0);
    };
    const frameDone = (): void => {
      if (opcode === OP_PING) sock.write(clientFrame(OP_PONG, Buffer.concat(control)));
      if (opcode === OP_CLOSE) sock.end();
      control = [];
    };
    const frames = (chunk: Buffer): void => {
      let off = 0;
      while (off < chunk.length) {
        if (left > 0) {
          const n = Math.min(left, chunk.length - off);
          const part = chunk.subarray(off, off + n);
          if (opcode >= 0x8) control.push(Buffer.from(part));
          else deliver(part);
          left -= n;
          off += n;
          if (left === 0) frameDone();
          continue;
        }
        header[headerLen++] = chunk[off++]!;
        if (headerLen < headerSize()) continue;
        const len7 = header[1]! & 0x7f;
        left = len7 === 126 ? header.readUInt16BE(2) : len7 === 127 ? Number(header.readBigUInt64BE(2)) : len7;
        opcode = header[0]! & 0x0f;
        headerLen = 0;
        if (left === 0) frameDone();
      }
    };

    // The upgrade's answer, then frames.
    let response = Buffer.alloc(0);
    const onUpgrade = (chunk: Buffer): void => {
      response = Buffer.concat([response, chunk]);
      const end = response.indexOf('\r\n\r\n');
      if (end < 0) return;
      sock.off('data', onUpgrade);
      const status = response.subarray(0, end).toString('latin1').split('\r\n')[0]!;
      if (!/^HTTP\/1\.1 101 /.test(status)) return reject(new Error(`${url}: ${status}`));
      sock.on('data', frames);
      resolve({
        send: (d) => void sock.write(clientFrame(0x2, d)),
        onBytes: (cb) => void (deliver = cb),
        close: () => sock.destroy(),
      });
      if (response.length > end + 4) frames(response.subarray(end + 4));
    };
    sock.on('data', onUpgrade);
  });
}
