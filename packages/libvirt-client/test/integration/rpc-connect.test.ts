// The RPC engine and connection setup against the real libvirtd (9.0 here).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openConnection } from '../../src/client.js';
import { LibvirtClientError, LibvirtError, TransportError } from '../../src/errors.js';
import { remoteProcedures as rp, VirErrorDomain, VirErrorNumber } from '../../src/gen/index.js';
import type { RpcConnection } from '../../src/rpc/connection.js';
import { daemon } from './daemon.js';

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
const virshNames = (uri: string) =>
  execFileSync('virsh', ['-q', '-c', uri, 'list', '--all', '--name'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();

describe('connect', () => {
  const sameAsVirsh = (n: string[]) => expect([...n].sort()).toEqual(virshNames(daemon.qemuUnixUri()));
  const cases: [string, () => string, (names: string[]) => void][] = [
    ['qemu over unix', () => daemon.qemuUnixUri(), sameAsVirsh],
    ['qemu over tcp', () => daemon.qemuTcpUri(), sameAsVirsh],
    ['test:///default over unix', () => daemon.testUnixUri(), (n) => expect(n).toEqual(['test'])],
    ['test:///default over tcp', () => daemon.testTcpUri(), (n) => expect(n).toEqual(['test'])],
    ['the 1000-guest node file over unix', () => daemon.testUnixUri(nodeFile), (n) => expect(n).toHaveLength(1000)],
    ['the 1000-guest node file over tcp', () => daemon.testTcpUri(nodeFile), (n) => expect(new Set(n).size).toBe(1000)],
  ];
  for (const [what, uri, check] of cases) {
    it(`${what}: lib version and every domain`, async () => {
      const c = await open(uri());
      const { lib_ver } = await c.call(rp.connectGetLibVersion, undefined);
      expect(lib_ver).toBeGreaterThanOrEqual(9_000_000n);
      const { domains, ret } = await c.call(rp.connectListAllDomains, { need_results: 1, flags: 0 });
      expect(ret).toBe(domains.length);
      check(domains.map((d) => d.name));
      for (const d of domains) expect(d.uuid).toHaveLength(16);
    });
  }

  it('close() sends CONNECT_CLOSE and ends cleanly; later calls fail with TransportError', async () => {
    const c = await openConnection(daemon.testUnixUri());
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
  it('a procedure newer than the daemon answers VIR_ERR_RPC "unknown procedure" (not NO_SUPPORT)', async () => {
    const c = await open(daemon.testUnixUri());
    const { lib_ver } = await c.call(rp.connectGetLibVersion, undefined);
    if (lib_ver >= 11_002_000n) return; // REMOTE_PROC_DOMAIN_SET_AUTOSTART_ONCE (450) exists from 11.2
    const { dom } = await c.call(rp.domainLookupByName, { name: 'test' });
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
    const c = await open(daemon.testUnixUri(), { readonly: true });
    const { dom } = await c.call(rp.domainLookupByName, { name: 'test' });
    const e = await c.call(rp.domainSuspend, { dom }).catch((e: unknown) => e);
    expect(e).toMatchObject({ code: VirErrorNumber.ERR_OPERATION_DENIED });
  });

  it('keepalive: our PINGs are answered, the connection stays up', async () => {
    const c = await open(daemon.testUnixUri(), { keepalive: { interval: 0.1, count: 2 } });
    await new Promise((r) => setTimeout(r, 800));
    expect(c.isClosed).toBe(false);
    expect((await c.call(rp.connectGetLibVersion, undefined)).lib_ver).toBeGreaterThan(0n);
  });

  it('keepalive: the daemon’s own PINGs (keepalive_interval 5 s here) are answered with PONG', async () => {
    // Our PINGs rarely, so the daemon is the one that finds the line quiet.
    const c = await open(daemon.testTcpUri(), { keepalive: { interval: 60, count: 5 } });
    const deadline = Date.now() + 16_000;
    while (c.stats.pingsAnswered === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(c.stats.pingsAnswered).toBeGreaterThan(0);
    expect(c.isClosed).toBe(false);
    expect((await c.call(rp.connectGetLibVersion, undefined)).lib_ver).toBeGreaterThan(0n);
  });
});
