// Engine-level event routing against the real daemon: a lifecycle callback registered by hand,
// a domain defined and undefined in a test-driver instance of our own, the MESSAGE packets decoded.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openConnection } from '../../src/client.js';
import { remoteMessages as rm, remoteProcedures as rp, VirDomainEventID, VirDomainEventType } from '../../src/gen/index.js';
import type { RpcConnection } from '../../src/rpc/connection.js';
import { daemon } from './daemon.js';
import { makeTestNode, type TestNode } from './test-node.js';

let node: TestNode;
beforeAll(async () => {
  node = await makeTestNode('events');
});
afterAll(async () => {
  await node?.remove();
});

let conn: RpcConnection | null = null;
afterEach(async () => {
  await conn?.close();
  conn = null;
});

describe('events from the daemon', () => {
  it('delivers lifecycle events of a callback, and unsubscribing stops them', async () => {
    conn = await openConnection(daemon.testUnixUri(node.file));
    const events = conn.subscribe(rm.domainEventCallbackLifecycle);
    const { callbackID } = await conn.call(rp.connectDomainEventCallbackRegisterAny, { eventID: VirDomainEventID.LIFECYCLE, dom: null });
    const name = daemon.uniqueName('ev');
    const xml = `<domain type="test"><name>${name}</name><memory>65536</memory><os><type>hvm</type></os></domain>`;
    const { dom } = await conn.call(rp.domainDefineXml, { xml });
    try {
      const it = events[Symbol.asyncIterator]();
      let e = (await it.next()).value!;
      while (e.msg.dom.name !== name) e = (await it.next()).value!; // skip the events of other guests
      expect(e.callbackID).toBe(callbackID);
      expect(e.msg.event).toBe(VirDomainEventType.DEFINED);
    } finally {
      await conn.call(rp.domainUndefine, { dom });
    }
    const it = events[Symbol.asyncIterator]();
    let e = (await it.next()).value!;
    while (e.msg.dom.name !== name) e = (await it.next()).value!;
    expect(e.msg.event).toBe(VirDomainEventType.UNDEFINED);

    events.unsubscribe();
    events.unsubscribe();
    expect(events.active).toBe(false);
    await conn.call(rp.connectDomainEventCallbackDeregisterAny, { callbackID });
  });
});
