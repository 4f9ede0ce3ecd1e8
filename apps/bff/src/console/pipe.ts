// Moves bytes between a browser websocket and a console source, both ways, with backpressure:
// a slow browser pauses the source, a slow source pauses the websocket. Heartbeats find dead
// browsers; an idle console is closed.
import type { WebSocket } from 'ws';
import { SessionCloseCode } from '../auth/session-sockets.js';

export interface ByteSource {
  /** Sends bytes to the console; false means "wait for drain". */
  write(data: Buffer): boolean;
  /**
   * Bytes from the console. `release`, when given, hands the chunk's memory back to the source
   * for its next read: call it once the bytes are written on (they must not be kept).
   */
  onData(cb: (data: Buffer, release?: () => void) => void): void;
  onDrain(cb: () => void): void;
  onEnd(cb: (reason: string) => void): void;
  pause(): void;
  resume(): void;
  destroy(): void;
}

export interface PipeOptions {
  heartbeatMs: number;
  idleMs: number;
}

/** Close codes the web app shows as reasons (4000-4999 are the application's own). */
export const CloseCode = {
  sourceEnded: 4000,
  idle: 4001,
  domainStopped: 4002,
  sessionEnded: SessionCloseCode.sessionEnded,
  heartbeat: 4004,
  accessChanged: SessionCloseCode.accessChanged,
} as const;

const HIGH_WATER = 1 << 20;
const LOW_WATER = 1 << 18;

export function pipeConsole(ws: WebSocket, source: ByteSource, opts: PipeOptions): { close(code: number, reason: string): void } {
  let lastActivity = Date.now();
  let alive = true;
  let closed = false;

  const close = (code: number, reason: string) => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    source.destroy();
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason.slice(0, 120));
  };

  source.onData((data, release) => {
    lastActivity = Date.now();
    ws.send(data, { binary: true }, () => {
      release?.();
      if (ws.bufferedAmount < LOW_WATER) source.resume();
    });
    if (ws.bufferedAmount > HIGH_WATER) source.pause();
  });
  source.onDrain(() => ws.resume());
  source.onEnd((reason) => close(CloseCode.sourceEnded, reason));

  ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
    lastActivity = Date.now();
    // ws hands Buffers (binaryType 'nodebuffer'): only fragments need joining, nothing is copied.
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    if (!isBinary && buf.length === 0) return;
    if (!source.write(buf)) ws.pause();
  });
  ws.on('pong', () => (alive = true));
  ws.on('close', () => close(1000, 'closed by the browser'));
  ws.on('error', () => close(1011, 'websocket error'));

  const timer = setInterval(() => {
    if (!alive) return close(CloseCode.heartbeat, 'no answer to heartbeat');
    if (Date.now() - lastActivity > opts.idleMs) return close(CloseCode.idle, 'idle for too long');
    alive = false;
    ws.ping();
  }, opts.heartbeatMs);
  timer.unref();

  return { close };
}
