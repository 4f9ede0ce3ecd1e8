// Two real hosts: the sandbox libvirtd and scripts/libvirt-peer.sh's second one, in namespaces of
// its own at a private address. The BFF registers the peer over tcp, tls (a client certificate
// from the sandbox CA) and ssh (the peer's own sshd): the overview shows each as the host it is,
// each host's VM list holds its own guests only, and a console reaches the peer's guest through
// its ssh server (the guest's VNC listens on the peer's loopback, which only ssh reaches).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateDir, uniqueName } from '@virtdeck/test-kit/daemon';
import { isPeer, peerHost, peerVirsh, peerVirshQuietly, type PeerHost } from '@virtdeck/test-kit/peer';
import { ADMIN_PASSWORD, ORIGIN, startTestBff, type SessionCookie, type TestBff } from './harness.js';
import { waitFor } from './guest-waits.js';

const peer = peerHost();

/** A client certificate signed by the sandbox CA (the peer's server certificate has the same CA). */
function makeClientPki(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const ca = path.join(stateDir, 'libvirt/pki');
  copyFileSync(path.join(ca, 'cacert.pem'), path.join(dir, 'cacert.pem'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=vdtest-multihost', '-keyout', 'clientkey.pem', '-out', 'client.csr');
  writeFileSync(path.join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature,keyEncipherment\n');
  openssl('x509', '-req', '-in', 'client.csr', '-CA', path.join(ca, 'cacert.pem'), '-CAkey', path.join(ca, 'cakey.pem'),
    '-set_serial', `0x${randomBytes(8).toString('hex')}`, '-days', '1', '-extfile', 'client.ext', '-out', 'clientcert.pem');
}

describe.skipIf(!isPeer(peer))(`two real hosts${isPeer(peer) ? '' : ` (skipped: ${(peer as { skip: string }).skip})`}`, () => {
  const p = peer as PeerHost;
  let bff: TestBff;
  let admin: SessionCookie;
  const hosts: Record<'tcp' | 'tls' | 'ssh', string> = { tcp: '', tls: '', ssh: '' };
  const guest = uniqueName('peerguest');
  let guestUuid = '';
  const tmp = mkdtempSync(path.join(tmpdir(), 'vdtest-multihost-'));

  beforeAll(async () => {
    // The peer's guest first (virsh blocks this process, where the test BFF runs too).
    writeFileSync(
      path.join(tmp, 'guest.xml'),
      `<domain type='qemu'><name>${guest}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
        <os><type arch='x86_64' machine='pc'>hvm</type></os>
        <devices><graphics type='vnc' autoport='yes' listen='127.0.0.1'/><video><model type='cirrus'/></video></devices></domain>`,
    );
    peerVirsh(p, 'define', path.join(tmp, 'guest.xml'));
    peerVirsh(p, 'start', guest);
    guestUuid = peerVirsh(p, 'domuuid', guest).trim();

    bff = await startTestBff();
    makeClientPki(path.join(bff.keyDir, 'pki'));
    copyFileSync(p.sshKey, path.join(bff.keyDir, 'peer_ed25519'));
    copyFileSync(p.knownHosts, path.join(bff.keyDir, 'peer_known_hosts'));
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
    const c = bff.client(admin);
    const ssh = new URLSearchParams({ keyfile: path.join(bff.keyDir, 'peer_ed25519'), known_hosts: path.join(bff.keyDir, 'peer_known_hosts') });
    hosts.tcp = (await c.host.add.mutate({ name: 'peer over tcp', uri: p.tcpUri })).id;
    hosts.tls = (await c.host.add.mutate({ name: 'peer over tls', uri: `qemu+tls://${p.addr}/system?pkipath=${path.join(bff.keyDir, 'pki')}` })).id;
    hosts.ssh = (await c.host.add.mutate({ name: 'peer over ssh', uri: `qemu+ssh://root@${p.addr}/system?${ssh.toString()}` })).id;
    await waitFor('the peer connected over tcp, tls and ssh', async () => {
      const states = await c.host.list.query();
      return Object.values(hosts).every((id) => states.find((h) => h.id === id)?.state?.status === 'connected') ? true : undefined;
    }, 30_000);
  }, 60_000);

  afterAll(async () => {
    await bff?.close();
    peerVirshQuietly(p, 'destroy', guest);
    peerVirshQuietly(p, 'undefine', guest);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('the overview shows the peer as another host (its own hostname and VM count) over every transport', async () => {
    const c = bff.client(admin);
    const overview = await c.host.overview.query();
    const peerTotal = peerVirsh(p, 'list', '--all', '--name').split('\n').filter((l) => l.trim() !== '').length;
    for (const id of Object.values(hosts)) {
      const row = overview.find((h) => h.id === id);
      expect(row?.state.status).toBe('connected');
      expect(row?.info?.vmTotal).toBe(peerTotal);
      expect(row?.info?.vmCounts.running).toBeGreaterThanOrEqual(1);
      expect((await c.host.info.query({ hostId: id })).hostname).toBe(p.hostname);
    }
    expect((await c.host.info.query({ hostId: bff.hostId })).hostname).not.toBe(p.hostname);
  });

  it("each host's VM list holds its own guests: the peer's guest is on the peer, not on the first host", async () => {
    const c = bff.client(admin);
    for (const id of Object.values(hosts)) {
      const list = await c.domain.list.query({ hostId: id });
      expect(list.find((d) => d.uuid === guestUuid)).toMatchObject({ name: guest, state: 'running' });
    }
    expect((await c.domain.list.query({ hostId: bff.hostId })).find((d) => d.uuid === guestUuid)).toBeUndefined();
  });

  it("a console reaches the peer's guest through the peer's ssh server", async () => {
    const opened = await bff.client(admin).console.open.mutate({ hostId: hosts.ssh, uuid: guestUuid, kind: 'vnc' });
    expect(opened.via).toBe('ssh');
    const ws = new WebSocket(`${bff.url.replace('http', 'ws')}${opened.path}`, ['binary'], { headers: { origin: ORIGIN, cookie: admin.cookie } });
    const chunks: Buffer[] = [];
    ws.on('message', (d: Buffer) => chunks.push(d));
    try {
      const greeting = await waitFor('the RFB greeting', () => (Buffer.concat(chunks).length >= 12 ? Buffer.concat(chunks).subarray(0, 12).toString() : undefined), 20_000);
      expect(greeting).toMatch(/^RFB 003\.00\d\n$/);
    } finally {
      ws.close();
    }
  });
});
