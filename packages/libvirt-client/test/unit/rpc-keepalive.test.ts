import { afterEach, describe, expect, it } from 'vitest';
import { TimeoutError, TransportError } from '../../src/errors.js';
import { RpcConnection } from '../../src/rpc/connection.js';
import { MessageType } from '../../src/rpc/framing.js';
import { KEEPALIVE_PROC_PING, KEEPALIVE_PROC_PONG, KEEPALIVE_PROGRAM } from '../../src/rpc/keepalive.js';
import { FakePeer, memoryDuplexPair } from '../../src/rpc/testing.js';
import { xdrVoid } from '../../src/xdr/index.js';
import type { ProcedureDef } from '../../src/xdr/index.js';

const noop: ProcedureDef<void, void> = { name: 'NOOP', program: 0x20008086, version: 1, procedure: 501, args: xdrVoid, ret: xdrVoid, stream: 'none', highPriority: false };
const open: RpcConnection[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.destroy();
});
function setup(): { conn: RpcConnection; peer: FakePeer } {
  const [client, server] = memoryDuplexPair();
  const conn = new RpcConnection(client);
  open.push(conn);
  return { conn, peer: new FakePeer(server) };
}
const ka = { program: KEEPALIVE_PROGRAM, version: 1 };

describe('keepalive', () => {
  it('answers the daemon’s PING with PONG (even before our own keepalive starts)', async () => {
    const { peer } = setup();
    peer.message({ ...ka, procedure: KEEPALIVE_PROC_PING });
    const pong = await peer.next();
    expect(pong.header).toEqual({ ...ka, procedure: KEEPALIVE_PROC_PONG, type: MessageType.MESSAGE, serial: 0, status: 0 });
    expect(pong.bytes.length).toBe(28);
  });

  it('sends PINGs into silence and declares the peer dead after `count` unanswered', async () => {
    const { conn, peer } = setup();
    const pending = conn.call(noop, undefined);
    await peer.next();
    const t0 = Date.now();
    conn.startKeepalive({ interval: 0.03, count: 3 });
    const closed = await conn.closed;
    expect(closed.error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(3 * 30 - 10);
    const pings = peer.packets.filter((p) => p.header.program === KEEPALIVE_PROGRAM);
    expect(pings.map((p) => p.header.procedure)).toEqual([KEEPALIVE_PROC_PING, KEEPALIVE_PROC_PING, KEEPALIVE_PROC_PING]);
    const e = await pending.catch((e: unknown) => e);
    expect(e).toBeInstanceOf(TransportError);
    expect((e as Error).cause).toBeInstanceOf(TimeoutError);
  });

  it('stays alive while the peer answers', async () => {
    const { conn, peer } = setup();
    let answered = 0;
    peer.socket.on('data', () => {
      for (; answered < peer.packets.length; answered++) {
        if (peer.packets[answered]!.header.procedure === KEEPALIVE_PROC_PING) peer.message({ ...ka, procedure: KEEPALIVE_PROC_PONG });
      }
    });
    conn.startKeepalive({ interval: 0.02, count: 2 });
    await new Promise((r) => setTimeout(r, 200));
    expect(conn.isClosed).toBe(false);
    expect(peer.packets.length).toBeGreaterThanOrEqual(3);
  });
});

describe('keepalive and local backpressure', () => {
  it('does not declare the peer dead while we pause reading on purpose', async () => {
    const { conn, peer } = setup();
    const download: ProcedureDef<void, void> = { ...noop, name: 'DOWNLOAD', stream: 'read' };
    const opening = conn.openReadStream(download, undefined, { highWaterMark: 1024 });
    const call = await peer.next();
    peer.reply(call, xdrVoid, undefined);
    const { stream } = await opening;
    conn.startKeepalive({ interval: 0.02, count: 2 });
    for (let i = 0; i < 40; i++) peer.stream(call, 2, new Uint8Array(4096)); // the consumer reads nothing
    await new Promise((r) => setTimeout(r, 200));
    expect(conn.isClosed).toBe(false);
    stream.destroy();
  });
});
