// Keepalive on a fake clock: intervals are advanced by hand, so a loaded machine cannot make a
// PING late or a peer look silent. The in-memory socket pair runs on process.nextTick, which
// stays real.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimeoutError, TransportError } from '../../src/errors.js';
import { RpcConnection } from '../../src/rpc/connection.js';
import { MessageType } from '../../src/rpc/framing.js';
import { KEEPALIVE_PROC_PING, KEEPALIVE_PROC_PONG, KEEPALIVE_PROGRAM } from '../../src/rpc/keepalive.js';
import { FakePeer, memoryDuplexPair } from '../../src/rpc/testing.js';
import { xdrVoid } from '../../src/xdr/index.js';
import type { ProcedureDef } from '../../src/xdr/index.js';

const noop: ProcedureDef<void, void, 'none'> = { name: 'NOOP', program: 0x20008086, version: 1, procedure: 501, args: xdrVoid, ret: xdrVoid, stream: 'none', highPriority: false };
const open: RpcConnection[] = [];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  for (const c of open.splice(0)) c.destroy();
  vi.useRealTimers();
});
function setup(): { conn: RpcConnection; peer: FakePeer } {
  const [client, server] = memoryDuplexPair();
  const conn = new RpcConnection(client);
  open.push(conn);
  return { conn, peer: new FakePeer(server) };
}
const ka = { program: KEEPALIVE_PROGRAM, version: 1 };
const INTERVAL_S = 5;
const INTERVAL_MS = INTERVAL_S * 1000;
const pingsSent = (peer: FakePeer): number => peer.packets.filter((p) => p.header.program === KEEPALIVE_PROGRAM && p.header.procedure === KEEPALIVE_PROC_PING).length;

describe('keepalive', () => {
  it('answers the daemon’s PING with PONG (even before our own keepalive starts)', async () => {
    const { conn, peer } = setup();
    peer.message({ ...ka, procedure: KEEPALIVE_PROC_PING });
    const pong = await peer.next();
    expect(pong.header).toEqual({ ...ka, procedure: KEEPALIVE_PROC_PONG, type: MessageType.MESSAGE, serial: 0, status: 0 });
    expect(pong.bytes.length).toBe(28);
    expect(conn.stats.pingsAnswered).toBe(1);
  });

  it('sends PINGs into silence and declares the peer dead after `count` unanswered, not before', async () => {
    const { conn, peer } = setup();
    const failed = conn.call(noop, undefined).catch((e: unknown) => e);
    await peer.next();
    conn.startKeepalive({ interval: INTERVAL_S, count: 3 });
    // Three PINGs, one interval apart; the peer is still given its last interval to answer.
    await vi.advanceTimersByTimeAsync(4 * INTERVAL_MS - 1);
    expect(conn.isClosed).toBe(false);
    expect(pingsSent(peer)).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    const closed = await conn.closed;
    expect(closed.error).toBeInstanceOf(TimeoutError);
    expect(closed.error?.message).toMatch(/no answer to 3 pings \(peer silent for 20\.0 s\)/);
    expect(pingsSent(peer)).toBe(3);
    const e = await failed;
    expect(e).toBeInstanceOf(TransportError);
    expect((e as Error).cause).toBeInstanceOf(TimeoutError);
  });

  it('stays alive while the peer answers, and counts the PONGs', async () => {
    const { conn, peer } = setup();
    let answered = 0;
    peer.socket.on('data', () => {
      for (; answered < peer.packets.length; answered++) {
        if (peer.packets[answered]!.header.procedure === KEEPALIVE_PROC_PING) peer.message({ ...ka, procedure: KEEPALIVE_PROC_PONG });
      }
    });
    conn.startKeepalive({ interval: INTERVAL_S, count: 2 });
    await vi.advanceTimersByTimeAsync(20 * INTERVAL_MS);
    expect(conn.isClosed).toBe(false);
    // Each PONG proves the peer alive, so the next PING waits for a full interval of silence.
    expect(pingsSent(peer)).toBeGreaterThanOrEqual(10);
    expect(conn.stats.pongsReceived).toBe(pingsSent(peer));
  });

  it('sends no PING while the peer keeps talking', async () => {
    const { conn, peer } = setup();
    conn.startKeepalive({ interval: INTERVAL_S, count: 2 });
    for (let i = 0; i < 20; i++) {
      peer.message({ ...ka, procedure: KEEPALIVE_PROC_PONG }); // any packet proves the peer alive
      await vi.advanceTimersByTimeAsync(INTERVAL_MS / 2);
    }
    expect(conn.isClosed).toBe(false);
    expect(pingsSent(peer)).toBe(0);
  });
});

describe('keepalive and local backpressure', () => {
  it('does not declare the peer dead while we pause reading on purpose', async () => {
    const { conn, peer } = setup();
    const download: ProcedureDef<void, void, 'read'> = { ...noop, name: 'DOWNLOAD', stream: 'read' };
    const opening = conn.openReadStream(download, undefined, { highWaterMark: 1024 });
    const call = await peer.next();
    peer.reply(call, xdrVoid, undefined);
    const { stream } = await opening;
    conn.startKeepalive({ interval: INTERVAL_S, count: 2 });
    for (let i = 0; i < 40; i++) peer.stream(call, 2, new Uint8Array(4096)); // the consumer reads nothing
    await vi.advanceTimersByTimeAsync(20 * INTERVAL_MS);
    expect(conn.isClosed).toBe(false);
    stream.destroy();
  });
});
