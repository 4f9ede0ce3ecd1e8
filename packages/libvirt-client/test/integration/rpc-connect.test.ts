// The RPC engine and connection setup against the real libvirtd (9.0 here). What the tests
// list or touch is their own: a qemu guest and a test-driver node file of unique names, removed
// afterwards; the 1,000-guest node file is the sandbox's (written by `libvirt-sandbox.sh start`).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openConnection } from '../../src/client.js';
import { LibvirtClientError, LibvirtError, TransportError } from '../../src/errors.js';
import { formatVersion } from '../../src/facade/version.js';
import { formatUuid } from '../../src/facade/uuid.js';
import { remoteProcedures as rp, VirErrorDomain, VirErrorNumber } from '../../src/gen/index.js';
import type { RpcConnection } from '../../src/rpc/connection.js';
import { virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { daemon } from './daemon.js';
import { makeTestNode, type TestNode } from './test-node.js';

const nodeFile = `${daemon.state}/test-node-1000.xml`;
const opened: RpcConnection[] = [];
async function open(uri: string, opts?: Parameters<typeof openConnection>[1]): Promise<RpcConnection> {
  const c = await openConnection(uri, opts);
  opened.push(c);
  return c;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});

/** What virsh, libvirt's own client, lists at the same URI: the answer every transport must match. */
const virshNames = (uri: string): string[] =>
  execFileSync('virsh', ['-q', '-c', uri, 'list', '--all', '--name'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

let node: TestNode;
const qemuGuest = daemon.uniqueName('connect');
let qemuGuestUuid: string;
beforeAll(async () => {
  node = await makeTestNode('connect');
  const xml = `${node.file}.qemu.xml`;
  await writeFile(xml, `<domain type='qemu'><name>${qemuGuest}</name><memory unit='MiB'>64</memory><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>`);
  virsh('define', xml);
  qemuGuestUuid = virsh('domuuid', qemuGuest).trim();
});
afterAll(async () => {
  virshQuietly('undefine', qemuGuest);
  await node?.remove();
});

describe('connect', () => {
  /**
   * Our guest is listed with its UUID, and so is every guest virsh lists both before and after
   * our call (guests other tests create or remove meanwhile may be in one list and not the other).
   */
  const likeVirsh = async (list: () => Promise<{ name: string; uuid: string }[]>): Promise<void> => {
    const before = virshNames(daemon.qemuUnixUri());
    const ours = await list();
    const after = new Set(virshNames(daemon.qemuUnixUri()));
    expect(ours.find((d) => d.name === qemuGuest)?.uuid).toBe(qemuGuestUuid);
    const names = new Set(ours.map((d) => d.name));
    expect(before.filter((n) => after.has(n) && !names.has(n))).toEqual([]);
  };
  const cases: [string, () => string, 'qemu' | 'node' | 'node1000'][] = [
    ['qemu over unix', () => daemon.qemuUnixUri(), 'qemu'],
    ['qemu over tcp', () => daemon.qemuTcpUri(), 'qemu'],
    ['a node file of our own over unix', () => daemon.testUnixUri(node.file), 'node'],
    ['a node file of our own over tcp', () => daemon.testTcpUri(node.file), 'node'],
    ['the 1000-guest node file over unix', () => daemon.testUnixUri(nodeFile), 'node1000'],
    ['the 1000-guest node file over tcp', () => daemon.testTcpUri(nodeFile), 'node1000'],
  ];
  for (const [what, uri, expected] of cases) {
    it(`${what}: lib version and every domain`, async () => {
      const c = await open(uri());
      const { lib_ver } = await c.call(rp.connectGetLibVersion, undefined);
      expect(lib_ver).toBeGreaterThanOrEqual(9_000_000n);
      const listAll = async (): Promise<{ name: string; uuid: string }[]> => {
        const { domains, ret } = await c.call(rp.connectListAllDomains, { need_results: 1, flags: 0 });
        expect(ret).toBe(domains.length);
        for (const d of domains) expect(d.uuid).toHaveLength(16);
        return domains.map((d) => ({ name: d.name, uuid: formatUuid(d.uuid) }));
      };
      if (expected === 'qemu') await likeVirsh(listAll);
      else if (expected === 'node') expect((await listAll()).map((d) => d.name)).toEqual([node.domain]);
      else expect(new Set((await listAll()).map((d) => d.name)).size).toBe(1000);
    });
  }

  it('close() sends CONNECT_CLOSE and ends cleanly; later calls fail with TransportError', async () => {
    const c = await openConnection(daemon.testUnixUri(node.file));
    await c.close();
    expect((await c.closed).error).toBeNull();
    await expect(c.call(rp.connectGetLibVersion, undefined)).rejects.toBeInstanceOf(TransportError);
  });

  it('a socket nobody listens on fails with TransportError', async () => {
    await expect(openConnection('qemu+unix:///system?socket=/nonexistent/libvirt-sock')).rejects.toBeInstanceOf(TransportError);
    await expect(openConnection('qemu+tcp://127.0.0.1:1/system')).rejects.toBeInstanceOf(TransportError);
  });

  // The sandbox's read-only socket demands SASL (scripts/libvirt-sandbox.sh), so that this
  // refusal is checked against the real daemon; a user's own libvirtd is not reconfigured.
  const saslSocket = daemon.socket.replace(/libvirt-sock$/, 'libvirt-sock-ro');
  it.skipIf(!daemon.socket.startsWith(daemon.state) || !existsSync(saslSocket))('a daemon that demands SASL is refused with a clear error, before CONNECT_OPEN', async () => {
    const e = await openConnection(`qemu+unix:///system?socket=${saslSocket}`).catch((e: unknown) => e);
    expect(e).toBeInstanceOf(LibvirtClientError);
    expect(e).not.toBeInstanceOf(TransportError);
    expect((e as Error).message).toMatch(/the daemon requires sasl authentication, which this client does not support yet/);
  });

  it('an unknown driver is refused by CONNECT_OPEN with LibvirtError', async () => {
    const e = await openConnection(`nosuchdriver+unix:///system?socket=${daemon.socket}`).catch((e: unknown) => e);
    expect(e).toBeInstanceOf(LibvirtError);
  });
});

describe('calls', () => {
  it('a procedure newer than the daemon answers VIR_ERR_RPC "unknown procedure" (not NO_SUPPORT)', async (ctx) => {
    const c = await open(daemon.testUnixUri(node.file));
    const { lib_ver } = await c.call(rp.connectGetLibVersion, undefined);
    // REMOTE_PROC_DOMAIN_SET_AUTOSTART_ONCE (450) exists from libvirt 11.2.
    ctx.skip(lib_ver >= 11_002_000n, `libvirt ${formatVersion(lib_ver)} knows procedure 450: no procedure newer than this daemon to call`);
    const { dom } = await c.call(rp.domainLookupByName, { name: node.domain });
    const e = await c.call(rp.domainSetAutostartOnce, { dom, autostart: 1 }).catch((e: unknown) => e);
    expect(e).toBeInstanceOf(LibvirtError);
    // virNetServerProgramDispatchCall: VIR_ERR_RPC from VIR_FROM_RPC, "unknown procedure: 450".
    expect(e).toMatchObject({ code: VirErrorNumber.ERR_RPC, domain: VirErrorDomain.RPC, message: 'unknown procedure: 450' });
    // The connection goes on.
    expect((await c.call(rp.connectGetLibVersion, undefined)).lib_ver).toBe(lib_ver);
  });

  it('an error reply carries code, domain and message', async () => {
    const c = await open(daemon.qemuUnixUri());
    const name = daemon.uniqueName('missing');
    const e = await c.call(rp.domainLookupByName, { name }).catch((e: unknown) => e);
    expect(e).toBeInstanceOf(LibvirtError);
    expect((e as LibvirtError).code).toBe(VirErrorNumber.ERR_NO_DOMAIN);
    expect((e as LibvirtError).domain).toBe(VirErrorDomain.QEMU);
    expect((e as LibvirtError).message).toContain(name);
  });

  it('50 calls in flight at once', async () => {
    const c = await open(daemon.testUnixUri(nodeFile));
    const { domains } = await c.call(rp.connectListAllDomains, { need_results: 1, flags: 0 });
    const picked = domains.slice(0, 50);
    const infos = await Promise.all(picked.map((dom) => c.call(rp.domainGetXmlDesc, { dom, flags: 0 })));
    expect(infos).toHaveLength(50);
    infos.forEach((x, i) => expect(x.xml).toContain(`<name>${picked[i]!.name}</name>`));
  });

  it('read-only connections are refused writes with VIR_ERR_OPERATION_DENIED', async () => {
    const c = await open(daemon.testUnixUri(node.file), { readonly: true });
    const { dom } = await c.call(rp.domainLookupByName, { name: node.domain });
    const e = await c.call(rp.domainSuspend, { dom }).catch((e: unknown) => e);
    expect(e).toMatchObject({ code: VirErrorNumber.ERR_OPERATION_DENIED });
  });

  it('keepalive: our PINGs are answered with PONGs, the connection stays up', async () => {
    // Ten unanswered PINGs half a second apart before we give up: a loaded daemon has 5 s.
    const c = await open(daemon.testUnixUri(node.file), { keepalive: { interval: 0.5, count: 10 } });
    await vi.waitFor(() => expect(c.stats.pongsReceived).toBeGreaterThanOrEqual(2), { timeout: 60_000, interval: 50 });
    expect(c.isClosed).toBe(false);
    expect((await c.call(rp.connectGetLibVersion, undefined)).lib_ver).toBeGreaterThan(0n);
  });

  it('keepalive: the daemon’s own PINGs (keepalive_interval 5 s here) are answered with PONG', async () => {
    // Our PINGs rarely, so the daemon is the one that finds the line quiet.
    const c = await open(daemon.testTcpUri(node.file), { keepalive: { interval: 60, count: 5 } });
    await vi.waitFor(() => expect(c.stats.pingsAnswered).toBeGreaterThan(0), { timeout: 60_000, interval: 250 });
    expect(c.isClosed).toBe(false);
    expect((await c.call(rp.connectGetLibVersion, undefined)).lib_ver).toBeGreaterThan(0n);
  });
});
