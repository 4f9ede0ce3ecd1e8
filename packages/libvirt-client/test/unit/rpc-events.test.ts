import { afterEach, describe, expect, it } from 'vitest';
import { TransportError } from '../../src/errors.js';
import { RpcConnection } from '../../src/rpc/connection.js';
import { FakePeer, ioTurn, memoryDuplexPair } from '../../src/rpc/testing.js';
import { XdrWriter } from '../../src/xdr/index.js';
import type { MessageDef } from '../../src/xdr/index.js';

interface Lifecycle {
  callbackID: number;
  event: number;
}
const lifecycle: MessageDef<Lifecycle> = {
  name: 'REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE',
  program: 0x20008086,
  version: 1,
  procedure: 318,
  msg: { encode: (w, v) => void w.int(v.callbackID).int(v.event), decode: (r) => ({ callbackID: r.int(), event: r.int() }) },
};
const other: MessageDef<Lifecycle> = { ...lifecycle, name: 'OTHER', procedure: 319 };
const payload = (v: Lifecycle): Uint8Array => {
  const w = new XdrWriter();
  lifecycle.msg.encode(w, v);
  return w.bytes().slice();
};

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

describe('events', () => {
  it('routes MESSAGE packets by (program, procedure) to every subscriber', async () => {
    const { conn, peer } = setup();
    const a = conn.subscribe(lifecycle);
    const b = conn.subscribe(lifecycle);
    const c = conn.subscribe(other);
    peer.message(lifecycle, payload({ callbackID: 1, event: 5 }));
    peer.message(lifecycle, payload({ callbackID: 2, event: 2 }));
    const ia = a[Symbol.asyncIterator]();
    expect((await ia.next()).value).toEqual({ callbackID: 1, event: 5 });
    expect((await ia.next()).value).toEqual({ callbackID: 2, event: 2 });
    const ib = b[Symbol.asyncIterator]();
    expect((await ib.next()).value).toEqual({ callbackID: 1, event: 5 });
    await ioTurn();
    // Nothing for the other procedure.
    let seen = false;
    void c[Symbol.asyncIterator]().next().then(() => (seen = true));
    await ioTurn();
    expect(seen).toBe(false);
    c.unsubscribe();
  });

  it('unsubscribes idempotently and ends the iteration', async () => {
    const { conn, peer } = setup();
    const sub = conn.subscribe(lifecycle);
    const got: Lifecycle[] = [];
    const loop = (async () => {
      for await (const e of sub) got.push(e);
    })();
    peer.message(lifecycle, payload({ callbackID: 7, event: 0 }));
    await ioTurn();
    sub.unsubscribe();
    sub.unsubscribe();
    await loop;
    expect(got).toEqual([{ callbackID: 7, event: 0 }]);
    expect(sub.active).toBe(false);
    peer.message(lifecycle, payload({ callbackID: 7, event: 1 }));
    await ioTurn();
    expect(got).toHaveLength(1);
  });

  it('breaking out of for-await unsubscribes; an abort signal does too', async () => {
    const { conn, peer } = setup();
    const sub = conn.subscribe(lifecycle);
    peer.message(lifecycle, payload({ callbackID: 1, event: 1 }));
    for await (const _ of sub) break;
    expect(sub.active).toBe(false);
    const ac = new AbortController();
    const sub2 = conn.subscribe(lifecycle, { signal: ac.signal });
    ac.abort();
    expect(sub2.active).toBe(false);
  });

  it('drops the oldest events past maxBuffered and counts them', async () => {
    const { conn, peer } = setup();
    const sub = conn.subscribe(lifecycle, { maxBuffered: 2 });
    for (let i = 0; i < 5; i++) peer.message(lifecycle, payload({ callbackID: 1, event: i }));
    await ioTurn();
    expect(sub.dropped).toBe(3);
    const it = sub[Symbol.asyncIterator]();
    expect((await it.next()).value).toEqual({ callbackID: 1, event: 3 });
  });

  it('ends subscriptions with TransportError when the connection drops', async () => {
    const { conn, peer } = setup();
    const sub = conn.subscribe(lifecycle);
    const it = sub[Symbol.asyncIterator]();
    const next = it.next();
    peer.close();
    await expect(next).rejects.toBeInstanceOf(TransportError);
    expect(sub.active).toBe(false);
  });
});
