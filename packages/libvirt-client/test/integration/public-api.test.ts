// The package entry alone reaches the whole protocol: every generated table (REMOTE, QEMU, LXC)
// through `Libvirt.call`, stream procedures through the typed stream openers, and the
// connection API under the facade. Everything here is imported from src/index.ts only.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Libvirt,
  LibvirtError,
  lxcProcedures,
  openConnection,
  qemuProcedures,
  remoteProcedures as rp,
  RpcConnection,
  VirErrorNumber,
  type RemoteNonnullDomain,
} from '../../src/index.js';
import { daemon } from './daemon.js';
import { makeTestNode, type TestNode } from './test-node.js';

let node: TestNode;
let lv: Libvirt;
let dom: RemoteNonnullDomain;

beforeAll(async () => {
  node = await makeTestNode('public-api');
  lv = await Libvirt.connect(daemon.testUnixUri(node.file));
  ({ dom } = await lv.call(rp.domainLookupByName, { name: node.domain }));
});

afterAll(async () => {
  await lv?.close();
  await node?.remove();
});

describe('the package entry', () => {
  it('calls any REMOTE procedure with its typed arguments and reply', async () => {
    const { lib_ver } = await lv.call(rp.connectGetLibVersion, undefined);
    expect(Number(lib_ver)).toBeGreaterThan(1_000_000);
    const info = await lv.call(rp.domainGetInfo, { dom });
    expect(info.nrVirtCpu).toBe(1);
    expect(info.maxMem).toBe(64n * 1024n);
  });

  it('calls QEMU and LXC procedures; the test driver refuses them with libvirt’s code', async () => {
    const monitor = lv.call(qemuProcedures.domainMonitorCommand, { dom, cmd: '{"execute":"query-status"}', flags: 0 });
    await expect(monitor).rejects.toBeInstanceOf(LibvirtError);
    await expect(monitor).rejects.toMatchObject({ code: VirErrorNumber.ERR_NO_SUPPORT });
    const ns = lv.call(lxcProcedures.domainOpenNamespace, { dom, flags: 0 });
    await expect(ns).rejects.toMatchObject({ code: VirErrorNumber.ERR_NO_SUPPORT });
  });

  it('opens a @readstream procedure (a screenshot) with its typed reply and the bytes', async () => {
    const { ret, stream } = await lv.openReadStream(rp.domainScreenshot, { dom, screen: 0, flags: 0 });
    expect(ret.mime).toBe('image/png');
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    // The test driver streams this file as the screenshot.
    expect(Buffer.concat(chunks).equals(await readFile('/usr/share/libvirt/test-screenshot.png'))).toBe(true);
  });

  it('types keep stream procedures out of call() and plain ones out of the stream openers', async () => {
    // @ts-expect-error a @readstream procedure is not a plain call
    await expect(lv.call(rp.domainScreenshot, { dom, screen: 0, flags: 0 })).rejects.toThrow(/stream procedure/);
    // @ts-expect-error a plain procedure opens no stream
    await expect(lv.openReadStream(rp.domainGetInfo, { dom })).rejects.toThrow(/not a stream procedure/);
  });

  it('exports the connection under the facade: openConnection, RpcConnection, Libvirt.fromConnection', async () => {
    const conn = await openConnection(daemon.testUnixUri(node.file));
    try {
      expect(conn).toBeInstanceOf(RpcConnection);
      const wrapped = Libvirt.fromConnection(conn);
      expect(wrapped.connection).toBe(conn);
      expect((await wrapped.call(rp.connectGetType, undefined)).type).toBe('TEST');
    } finally {
      await conn.close();
    }
  });
});
