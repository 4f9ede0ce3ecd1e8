// One hand-made RPC round trip over a transport's stream, independent of the RPC engine: an
// AUTH_LIST call (remote_protocol.x: REMOTE_PROGRAM 0x20008086, version 1, procedure 66, no
// arguments) and its reply, read back field by field.
import type { Duplex } from 'node:stream';

export const REMOTE_PROGRAM = 0x20008086;
export const REMOTE_PROTOCOL_VERSION = 1;
export const REMOTE_PROC_AUTH_LIST = 66;

export interface ProbeReply {
  length: number;
  program: number;
  version: number;
  procedure: number;
  type: number;
  serial: number;
  status: number;
  /** remote_auth_list_ret.types when status is OK (0 = REMOTE_AUTH_NONE). */
  authTypes: number[];
}

export function authListCall(serial: number): Buffer {
  const b = Buffer.alloc(28);
  b.writeUInt32BE(28, 0); // the length word counts itself
  b.writeUInt32BE(REMOTE_PROGRAM, 4);
  b.writeUInt32BE(REMOTE_PROTOCOL_VERSION, 8);
  b.writeInt32BE(REMOTE_PROC_AUTH_LIST, 12);
  b.writeInt32BE(0, 16); // CALL
  b.writeUInt32BE(serial, 20);
  b.writeInt32BE(0, 24); // OK
  return b;
}

/**
 * Sends AUTH_LIST and resolves with the first whole packet that comes back. No deadline of its
 * own: a daemon that never answers fails the test at its vitest timeout, a slow one does not.
 */
export function probeAuthList(stream: Duplex, serial = 1): Promise<ProbeReply> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const done = (err: Error | null, reply?: ProbeReply): void => {
      stream.off('data', onData);
      stream.off('error', onError);
      stream.off('end', onEnd);
      if (err) reject(err);
      else resolve(reply!);
    };
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 4) return;
      const length = buf.readUInt32BE(0);
      if (buf.length < length) return;
      const status = buf.readInt32BE(24);
      const authTypes: number[] = [];
      if (status === 0 && length >= 32) {
        const n = buf.readUInt32BE(28);
        for (let i = 0; i < n; i++) authTypes.push(buf.readInt32BE(32 + 4 * i));
      }
      done(null, {
        length,
        program: buf.readUInt32BE(4),
        version: buf.readUInt32BE(8),
        procedure: buf.readInt32BE(12),
        type: buf.readInt32BE(16),
        serial: buf.readUInt32BE(20),
        status,
        authTypes,
      });
    };
    const onError = (err: Error): void => done(err);
    const onEnd = (): void => done(new Error('stream ended before a reply'));
    stream.on('data', onData);
    stream.once('error', onError);
    stream.once('end', onEnd);
    stream.write(authListCall(serial));
  });
}

/** Ends a stream and waits until it is closed. */
export function closeStream(stream: Duplex): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed) return resolve();
    stream.once('close', () => resolve());
    stream.destroy();
  });
}
