import { afterEach, describe, expect, it, vi } from 'vitest';
import { LibvirtError, ProtocolError, TimeoutError, TransportError } from '../../src/errors.js';
import { RpcConnection } from '../../src/rpc/connection.js';
import { MessageType } from '../../src/rpc/framing.js';
import { FakePeer, ioTurn, memoryDuplexPair } from '../../src/rpc/testing.js';
import type { ProcedureDef, XdrCodec } from '../../src/xdr/index.js';

const int: XdrCodec<number> = { encode: (w, v) => void w.int(v), decode: (r) => r.int() };
const echo: ProcedureDef<number, number, 'none'> = { name: 'ECHO', program: 0x20008086, version: 1, procedure: 500, args: int, ret: int, stream: 'none', highPriority: false };

function setup(): { conn: RpcConnection; peer: FakePeer } {
  const [client, server] = memoryDuplexPair();
  const conn = new RpcConnection(client, { description: 'memory' });
  open.push(conn);
  return { conn, peer: new FakePeer(server) };
}
const open: RpcConnection[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.destroy();
  vi.useRealTimers();
});

describe('RpcConnection calls', () => {
  it('sends CALL packets with increasing serials', async () => {
    const { conn, peer } = setup();
    for (const n of [1, 2, 3]) conn.call(echo, n).catch(() => undefined); // rejected by destroy() after the test
    const calls = [await peer.next(), await peer.next(), await peer.next()];
    expect(calls.map((c) => c.header.type)).toEqual([MessageType.CALL, MessageType.CALL, MessageType.CALL]);
    const serials = calls.map((c) => c.header.serial);
    expect(serials[0]).toBeGreaterThan(0);
    expect(serials[1]).toBeGreaterThan(serials[0]!);
    expect(serials[2]).toBeGreaterThan(serials[1]!);
  });

  it('routes replies that come back in any order by serial', async () => {
    const { conn, peer } = setup();
    const results = [10, 20, 30, 40].map((n) => conn.call(echo, n));
    const calls = await Promise.all([peer.next(), peer.next(), peer.next(), peer.next()]);
    for (const c of [calls[2], calls[0], calls[3], calls[1]]) {
      const arg = new DataView(c!.bytes.buffer, c!.bytes.byteOffset).getInt32(28);
      peer.reply(c!, int, arg + 1);
    }
    expect(await Promise.all(results)).toEqual([11, 21, 31, 41]);
  });

  it('turns an error reply into LibvirtError with code, domain and message', async () => {
    const { conn, peer } = setup();
    const p = conn.call(echo, 1);
    peer.replyError(await peer.next(), { code: 42, domain: 10, message: 'Domain not found: no domain with matching name' });
    const e = await p.catch((e: unknown) => e);
    expect(e).toBeInstanceOf(LibvirtError);
    expect(e).toMatchObject({ code: 42, domain: 10, message: 'Domain not found: no domain with matching name' });
    // The connection goes on.
    const q = conn.call(echo, 2);
    peer.reply(await peer.next(), int, 3);
    expect(await q).toBe(3);
  });

  it('rejects every pending call with TransportError when the peer disconnects', async () => {
    const { conn, peer } = setup();
    const pending = [conn.call(echo, 1), conn.call(echo, 2), conn.call(echo, 3)];
    await peer.next();
    peer.close();
    for (const p of pending) await expect(p).rejects.toBeInstanceOf(TransportError);
    const closed = await conn.closed;
    expect(closed.error).toBeInstanceOf(TransportError);
    expect(conn.isClosed).toBe(true);
    await expect(conn.call(echo, 4)).rejects.toBeInstanceOf(TransportError);
  });

  it('closes with ProtocolError on a bad frame, rejecting pending calls with TransportError', async () => {
    const { conn, peer } = setup();
    const p = conn.call(echo, 1);
    await peer.next();
    const huge = new Uint8Array(8);
    new DataView(huge.buffer).setUint32(0, 0x7fff_ffff);
    peer.send(huge);
    const e = await p.catch((e: unknown) => e);
    expect(e).toBeInstanceOf(TransportError);
    expect((e as Error).cause).toBeInstanceOf(ProtocolError);
    expect((await conn.closed).error).toBeInstanceOf(ProtocolError);
  });

  it('rejects one call, not the connection, when its reply does not decode', async () => {
    const { conn, peer } = setup();
    const p = conn.call(echo, 1);
    peer.reply(await peer.next(), { encode: (w) => void w.int(1).int(2), decode: () => 0 }, 0);
    await expect(p).rejects.toThrow(/trailing bytes/);
    expect(conn.isClosed).toBe(false);
  });

  it('times out a call with TimeoutError and drops its late reply', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { conn, peer } = setup();
    let outcome: unknown = 'pending';
    const p = conn.call(echo, 1, { timeoutMs: 20_000 }).catch((e: unknown) => (outcome = e));
    const call = await peer.next();
    await vi.advanceTimersByTimeAsync(19_999);
    expect(outcome).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(await p).toBeInstanceOf(TimeoutError);
    peer.reply(call, int, 5); // late: ignored
    const q = conn.call(echo, 2);
    const call2 = await peer.next();
    expect(call2.header.serial).toBeGreaterThan(call.header.serial);
    peer.reply(call2, int, 6);
    expect(await q).toBe(6);
  });

  it('honours an abort signal', async () => {
    const { conn, peer } = setup();
    const ac = new AbortController();
    const p = conn.call(echo, 1, { signal: ac.signal });
    await peer.next();
    ac.abort(new Error('user gave up'));
    await expect(p).rejects.toThrow('user gave up');
  });

  it('close() runs the goodbye hook, then ends the socket', async () => {
    const [client, server] = memoryDuplexPair();
    const peer = new FakePeer(server);
    const conn = new RpcConnection(client, { goodbye: (c) => c.call(echo, 99) });
    const closing = conn.close();
    const bye = await peer.next();
    peer.reply(bye, int, 0);
    await closing;
    expect((await conn.closed).error).toBeNull();
    await expect(conn.call(echo, 1)).rejects.toBeInstanceOf(TransportError);
  });

  it('keeps 200 calls in flight at once', async () => {
    const { conn, peer } = setup();
    const results = Array.from({ length: 200 }, (_, i) => conn.call(echo, i));
    const calls = await Promise.all(Array.from({ length: 200 }, () => peer.next()));
    for (const c of calls.reverse()) peer.reply(c, int, new DataView(c.bytes.buffer, c.bytes.byteOffset).getInt32(28) * 2);
    expect(await Promise.all(results)).toEqual(Array.from({ length: 200 }, (_, i) => i * 2));
    expect(new Set(calls.map((c) => c.header.serial)).size).toBe(200);
  });

  it('ignores replies to unknown serials', async () => {
    const { conn, peer } = setup();
    const p = conn.call(echo, 1);
    const call = await peer.next();
    peer.reply({ ...call, header: { ...call.header, serial: call.header.serial + 1000 } }, int, 9);
    peer.reply(call, int, 2);
    expect(await p).toBe(2);
  });

  it('never crashes or hangs on random bytes: every call settles', async () => {
    let seed = 42;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 0x1000000;
    for (let round = 0; round < 200; round++) {
      const { conn, peer } = setup();
      const p = conn.call(echo, 1).then(
        () => 'ok',
        (e: unknown) => (e as Error).name,
      );
      const call = await peer.next();
      // Sometimes a valid prefix, then garbage of random length (valid-looking headers included).
      if (rand() < 0.3) peer.reply(call, int, 1);
      const junk = new Uint8Array(Math.floor(rand() * 200));
      for (let i = 0; i < junk.length; i++) junk[i] = rand() < 0.5 ? 0 : Math.floor(rand() * 256);
      if (junk.length >= 4 && rand() < 0.5) new DataView(junk.buffer).setUint32(0, 28 + Math.floor(rand() * 8));
      peer.send(junk);
      await ioTurn();
      peer.close();
      expect(['ok', 'TransportError', 'ProtocolError', 'LibvirtError']).toContain(await p);
      await conn.closed;
    }
  });
});
