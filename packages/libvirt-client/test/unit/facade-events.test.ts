// The facade's event streams over a scripted fake daemon: subscribe before register (an event
// sent ahead of the register reply is kept), filter by callbackID, deregister exactly once.
import { afterEach, describe, expect, it } from 'vitest';
import { Libvirt } from '../../src/facade/libvirt.js';
import { remoteMessages as rm, remoteProcedures as rp, RemoteConnectDomainEventCallbackDeregisterAnyArgs, RemoteConnectDomainEventCallbackRegisterAnyArgs } from '../../src/gen/index.js';
import { RpcConnection } from '../../src/rpc/connection.js';
import { payloadReader } from '../../src/rpc/framing.js';
import type { Packet } from '../../src/rpc/framing.js';
import { FakePeer, ioTurn, memoryDuplexPair } from '../../src/rpc/testing.js';
import { XdrWriter, xdrVoid } from '../../src/xdr/index.js';

const open: RpcConnection[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.destroy();
});
function setup(): { lv: Libvirt; conn: RpcConnection; peer: FakePeer } {
  const [client, server] = memoryDuplexPair();
  const conn = new RpcConnection(client);
  open.push(conn);
  return { lv: Libvirt.fromConnection(conn), conn, peer: new FakePeer(server) };
}

const dom = { name: 'vm1', uuid: new Uint8Array(16).fill(0xab), id: 3 };
function lifecycleEvent(peer: FakePeer, callbackID: number, event: number, detail: number): void {
  const w = new XdrWriter();
  rm.domainEventCallbackLifecycle.msg.encode(w, { callbackID, msg: { dom, event, detail } });
  const def = rm.domainEventCallbackLifecycle;
  peer.message({ program: def.program, version: def.version, procedure: def.procedure }, w.bytes().slice());
}

describe('facade events', () => {
  it('keeps an event sent before the register reply, filters by callbackID, deregisters once', async () => {
    const { lv, peer } = setup();
    const pending = lv.events.domainLifecycle();
    const register: Packet = await peer.next();
    expect(register.header.procedure).toBe(rp.connectDomainEventCallbackRegisterAny.procedure);
    expect(RemoteConnectDomainEventCallbackRegisterAnyArgs.decode(payloadReader(register))).toEqual({ eventID: 0, dom: null });
    // Events before the reply: ours (7) and another callback's (8).
    lifecycleEvent(peer, 7, 2, 0);
    lifecycleEvent(peer, 8, 5, 1);
    peer.reply(register, rp.connectDomainEventCallbackRegisterAny.ret, { callbackID: 7 });
    const events = await pending;
    lifecycleEvent(peer, 8, 3, 0);
    lifecycleEvent(peer, 7, 5, 1);

    const it = events[Symbol.asyncIterator]();
    expect((await it.next()).value).toEqual({ domain: { name: 'vm1', uuid: 'abababab-abab-abab-abab-abababababab' }, event: 'started', detail: 'booted', raw: { event: 2, detail: 0 } });
    expect((await it.next()).value).toMatchObject({ event: 'stopped', detail: 'destroyed' });

    // Three unsubscribes, one deregister call.
    const u1 = events.unsubscribe();
    const u2 = events.unsubscribe();
    const dereg = await peer.next();
    expect(dereg.header.procedure).toBe(rp.connectDomainEventCallbackDeregisterAny.procedure);
    expect(RemoteConnectDomainEventCallbackDeregisterAnyArgs.decode(payloadReader(dereg))).toEqual({ callbackID: 7 });
    peer.reply(dereg, xdrVoid, undefined);
    await Promise.all([u1, u2, events.unsubscribe()]);
    await ioTurn();
    expect(peer.packets.filter((p) => p.header.procedure === rp.connectDomainEventCallbackDeregisterAny.procedure)).toHaveLength(1);
    expect((await it.next()).done).toBe(true);
    expect(events.active).toBe(false);
  });

  it('breaking out of for-await deregisters', async () => {
    const { lv, peer } = setup();
    const pending = lv.events.domainLifecycle();
    const register = await peer.next();
    peer.reply(register, rp.connectDomainEventCallbackRegisterAny.ret, { callbackID: 1 });
    const events = await pending;
    lifecycleEvent(peer, 1, 0, 0);
    const loop = (async () => {
      for await (const e of events) {
        expect(e.event).toBe('defined');
        break;
      }
    })();
    const dereg = await peer.next();
    expect(dereg.header.procedure).toBe(rp.connectDomainEventCallbackDeregisterAny.procedure);
    peer.reply(dereg, xdrVoid, undefined);
    await loop;
    expect(events.active).toBe(false);
  });

  it('a refused register drops the subscription and rejects', async () => {
    const { lv, peer } = setup();
    const pending = lv.events.domainLifecycle();
    const register = await peer.next();
    peer.replyError(register, { code: 3, domain: 7, message: 'no' });
    await expect(pending).rejects.toMatchObject({ code: 3 });
  });

  it('unsubscribe after the connection closed does not call the daemon', async () => {
    const { lv, conn, peer } = setup();
    const pending = lv.events.domainLifecycle();
    peer.reply(await peer.next(), rp.connectDomainEventCallbackRegisterAny.ret, { callbackID: 2 });
    const events = await pending;
    conn.destroy();
    await events.unsubscribe();
    const it = events[Symbol.asyncIterator]();
    expect((await it.next()).done).toBe(true);
  });
});
