// Live migration between two real hosts: the sandbox libvirtd and scripts/libvirt-peer.sh's second
// libvirtd in its own namespaces, registered with the BFF over tcp. One demo-OS guest counts on its
// serial console; a migration throttled to 1 MiB/s is cancelled halfway (the guest keeps counting
// on its source), then it migrates with its disk copied over NBD and keeps counting on the target.
// Refusals (storage, network, state) are checked before anything moves.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Libvirt, type ConsoleStream } from '@virtdeck/libvirt-client';
import { qemuUri, stateDir, uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { bootableGuestXml, guestPrompt } from '@virtdeck/test-kit/guest-image';
import { isPeer, peerHost, peerVirshQuietly, type PeerHost } from '@virtdeck/test-kit/peer';
import { ADMIN_PASSWORD, failureOf, startTestBff, type SessionCookie, type TestBff } from './harness.js';
import { BOOT_DEADLINE_MS, waitFor } from './guest-waits.js';

const peer = peerHost();
const TEST_TIMEOUT_MS = 600_000;
const run = promisify(execFile);
// virsh without blocking this process: the test BFF runs in it, and a blocked event loop makes
// the server drop the client's idle keep-alive connection just as the next call reuses it.
const onSource = async (...args: string[]) => (await run('virsh', ['-q', '-c', qemuUri(), ...args])).stdout;
const onPeer = async (...args: string[]) => (await run('virsh', ['-q', '-c', (peer as PeerHost).unixUri, ...args])).stdout;

/** Lines "vdcount N" the guest's loop prints each second; the highest N seen on `text`. */
const lastCount = (text: string): number => Math.max(-1, ...[...text.matchAll(/vdcount (\d+)/g)].map((m) => Number(m[1])));

/** A serial console being read, through a libvirt connection of the test's own. */
async function watchConsole(lv: Libvirt, name: string): Promise<{ con: ConsoleStream; text: () => string }> {
  const con = await lv.openConsole(name, null, ['FORCE']);
  const chunks: Buffer[] = [];
  con.readable.on('data', (c: Buffer) => chunks.push(c));
  return { con, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Waits until the console shows a count above `above`; answers it. */
const countsPast = (text: () => string, above: number, where: string) =>
  waitFor(`the counter past ${above} on the ${where}`, () => (lastCount(text()) > above ? lastCount(text()) : undefined));

describe.skipIf(!isPeer(peer))(`migration between two hosts${isPeer(peer) ? '' : ` (skipped: ${(peer as { skip: string }).skip})`}`, () => {
  const p = peer as PeerHost;
  let bff: TestBff;
  let admin: SessionCookie;
  let peerHostId: string;
  let src: Libvirt;
  let dst: Libvirt;
  const name = uniqueName('migrate');
  // The source's disk folder is its own /var/lib/libvirt (the peer has another one there).
  const poolName = uniqueName('migpool');
  const srcPoolDir = `/var/lib/libvirt/images/${poolName}`;
  const disk = path.join(srcPoolDir, 'disk.qcow2');
  const shared = mkdtempSync(path.join(stateDir, 'vdtest-migshared-'));
  const offlineName = uniqueName('migoff');
  const sharedPool = uniqueName('migshared');
  const tmp = mkdtempSync(path.join(tmpdir(), 'vdtest-mig-'));

  const defineFrom = async (xml: string, where: (...a: string[]) => Promise<string>) => {
    const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.xml`);
    writeFileSync(file, xml);
    await where('define', file);
  };

  beforeAll(async () => {
    bff = await startTestBff();
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
    ({ id: peerHostId } = await bff.client(admin).host.add.mutate({ name: `peer-${process.pid}`, uri: p.tcpUri }));
    await waitFor('the peer connected', async () => {
      const hosts = await bff.client(admin).host.list.query();
      return hosts.find((h) => h.id === peerHostId)?.state?.status === 'connected' ? true : undefined;
    }, 30_000);
    src = await Libvirt.connect(qemuUri());
    dst = await Libvirt.connect(p.tcpUri);
    virsh('pool-create-as', poolName, 'dir', '--target', srcPoolDir, '--build');
    virsh('vol-create-as', poolName, 'disk.qcow2', '16M', '--format', 'qcow2');
  }, 60_000);

  afterAll(async () => {
    for (const n of [name, offlineName]) {
      virshQuietly('destroy', n);
      virshQuietly('undefine', n);
      peerVirshQuietly(p, 'destroy', n);
      peerVirshQuietly(p, 'undefine', n);
    }
    virshQuietly('pool-destroy', poolName);
    rmSync(srcPoolDir, { recursive: true, force: true });
    peerVirshQuietly(p, 'pool-destroy', poolName);
    rmSync(path.join(p.imagesOutside, poolName), { recursive: true, force: true });
    virshQuietly('pool-destroy', sharedPool);
    peerVirshQuietly(p, 'pool-destroy', sharedPool);
    rmSync(shared, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
    await src?.close();
    await dst?.close();
    await bff?.close();
  });

  it('offers the other registered host as the target, and refuses what the target lacks before anything moves', async () => {
    const c = bff.client(admin);
    // A shut-off VM whose disk is in a folder the peer has no pool for, on a network it lacks.
    await run('qemu-img', ['create', '-q', '-f', 'qcow2', path.join(shared, 'off.qcow2'), '16M']);
    const xml = bootableGuestXml({ name: offlineName, disks: [{ path: path.join(shared, 'off.qcow2') }] }).replace(
      '</devices>',
      `<interface type='network'><source network='${uniqueName('nonet')}'/><model type='virtio'/></interface></devices>`,
    );
    await defineFrom(xml, onSource);
    const uuid = (await onSource('domuuid', offlineName)).trim();
    expect(await c.migration.targets.query({ hostId: bff.hostId })).toEqual([{ hostId: peerHostId, name: `peer-${process.pid}`, connected: true }]);
    const refusal = await failureOf(c.migration.start.mutate({ hostId: bff.hostId, uuid, targetHostId: peerHostId, mode: 'offline', storage: 'shared' }));
    expect(refusal.code).toBe('PRECONDITION_FAILED');
    expect(refusal.message).toContain(`the volume ${path.join(shared, 'off.qcow2')}`);
    expect(refusal.message).toContain('the network');
    expect(refusal.message).toContain('Nothing was moved');
    expect((await onSource('domstate', offlineName)).trim()).toBe('shut off');
    await expect(onPeer('dominfo', offlineName)).rejects.toThrow();

    // Offline cannot copy disks; a live migration needs a running VM; the target is another host.
    expect((await failureOf(c.migration.start.mutate({ hostId: bff.hostId, uuid, targetHostId: peerHostId, mode: 'offline', storage: 'copy' }))).message).toContain('cannot copy disks');
    expect((await failureOf(c.migration.start.mutate({ hostId: bff.hostId, uuid, targetHostId: peerHostId, mode: 'live' }))).message).toContain('moves a running VM');
    expect((await failureOf(c.migration.start.mutate({ hostId: bff.hostId, uuid, targetHostId: bff.hostId }))).code).toBe('BAD_REQUEST');

    // Each refusal is audited, with why.
    const audited = (await c.audit.list.query({ action: 'migrate', limit: 10 })).items;
    expect(audited.filter((r) => r.objectName === uuid && r.result === 'error').length).toBeGreaterThanOrEqual(4);
    expect(audited.find((r) => r.objectName === uuid)?.detail).toBeTruthy();

    // An operator of the source alone may not migrate to a host outside their scope, nor sees it as a target.
    const op = await c.user.create.mutate({ username: `mig-op-${process.pid}`, password: 'operator-password-1', role: 'operator' });
    await c.user.setHosts.mutate({ userId: op.id, hostIds: [bff.hostId] });
    const opClient = bff.client(await bff.signIn(`mig-op-${process.pid}`, 'operator-password-1'));
    expect(await opClient.migration.targets.query({ hostId: bff.hostId })).toEqual([]);
    const forbidden = await failureOf(opClient.migration.start.mutate({ hostId: bff.hostId, uuid, targetHostId: peerHostId, mode: 'offline', storage: 'shared' }));
    expect(forbidden.code).toBe('FORBIDDEN');
    expect(forbidden.message).toContain('target host');
  });

  it('moves a shut-off VM on shared storage offline: defined on the target, gone from the source', async () => {
    const c = bff.client(admin);
    // Without the network NIC, and with a pool for the shared folder on both hosts.
    await onSource('undefine', offlineName);
    await defineFrom(bootableGuestXml({ name: offlineName, disks: [{ path: path.join(shared, 'off.qcow2') }] }), onSource);
    await onSource('pool-create-as', sharedPool, 'dir', '--target', shared);
    await onPeer('pool-create-as', sharedPool, 'dir', '--target', shared);
    const uuid = (await onSource('domuuid', offlineName)).trim();
    // The source's list is cached (and kept by libvirt's events) from here on.
    expect((await c.domain.list.query({ hostId: bff.hostId })).some((d) => d.uuid === uuid)).toBe(true);
    const status = await c.migration.start.mutate({ hostId: bff.hostId, uuid, targetHostId: peerHostId, mode: 'offline', storage: 'shared' });
    expect(status.phase).toBe('completed');
    // libvirt sends the source no event for this: the BFF announces the departure itself.
    expect((await c.domain.list.query({ hostId: bff.hostId })).some((d) => d.uuid === uuid)).toBe(false);
    expect((await c.domain.list.query({ hostId: peerHostId })).some((d) => d.uuid === uuid)).toBe(true);
    expect((await onPeer('domstate', offlineName)).trim()).toBe('shut off');
    expect((await onPeer('domuuid', offlineName)).trim()).toBe(uuid);
    await expect(onSource('dominfo', offlineName)).rejects.toThrow();
  });

  it(
    'a live migration cancelled or failed halfway leaves the guest counting on its source; then it moves with its disk and keeps counting on the target, and back',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const c = bff.client(admin);
      await defineFrom(bootableGuestXml({ name, disks: [{ path: disk }] }), onSource);
      await onSource('start', name, '--paused');
      const uuid = (await onSource('domuuid', name)).trim();
      const sourceConsole = await watchConsole(src, name);
      try {
        await onSource('resume', name);
        await waitFor('the shell prompt', () => (sourceConsole.text().includes(guestPrompt(name)) ? true : undefined), BOOT_DEADLINE_MS);
        await sourceConsole.con.write('i=0; while true; do i=$((i+1)); echo "vdcount $i"; sleep 1; done\r');
        await countsPast(sourceConsole.text, 2, 'source');

        // The peer has no pool for the disk's folder: refused, nothing moves.
        const refusal = await failureOf(c.migration.start.mutate({ hostId: bff.hostId, uuid, targetHostId: peerHostId }));
        expect(refusal.message).toContain(`a storage pool for ${srcPoolDir}`);
        mkdirSync(path.join(p.imagesOutside, poolName), { recursive: true });
        await onPeer('pool-create-as', poolName, 'dir', '--target', srcPoolDir);

        // Throttled to 1 MiB/s (128 MiB of RAM: minutes), cancelled once bytes move.
        const slow = c.migration.start.mutate({ hostId: bff.hostId, uuid, targetHostId: peerHostId, maxSpeedMiBs: 1 });
        const outcome = slow.then(
          () => 'completed',
          (e: unknown) => e,
        );
        const progress = await waitFor('migration progress', async () => {
          const s = await c.migration.status.query({ hostId: bff.hostId, uuid });
          return s?.phase === 'running' && (s.progress?.dataProcessed ?? 0) > 0 ? s.progress : undefined;
        });
        expect(progress!.dataTotal).toBeGreaterThan(0);
        expect(await c.migration.cancel.mutate({ hostId: bff.hostId, uuid })).toEqual({ cancelled: true });
        const err = await outcome;
        expect(err).not.toBe('completed');
        expect((await c.migration.status.query({ hostId: bff.hostId, uuid }))?.phase).toBe('cancelled');
        expect((await onSource('domstate', name)).trim()).toBe('running');
        await expect(onPeer('dominfo', name)).rejects.toThrow();
        await countsPast(sourceConsole.text, lastCount(sourceConsole.text()), 'source after the cancel');

        // A migration that fails halfway (the target's half is killed): the guest runs on at its source.
        const failing = c.migration.start.mutate({ hostId: bff.hostId, uuid, targetHostId: peerHostId, maxSpeedMiBs: 1 }).then(
          () => 'completed',
          (e: unknown) => e,
        );
        await waitFor('migration progress', async () => {
          const s = await c.migration.status.query({ hostId: bff.hostId, uuid });
          return s?.phase === 'running' && (s.progress?.dataProcessed ?? 0) > 0 ? true : undefined;
        });
        await onPeer('destroy', name);
        expect(await failing).not.toBe('completed');
        const failed = await c.migration.status.query({ hostId: bff.hostId, uuid });
        expect(failed?.phase).toBe('failed');
        expect(failed?.error).toBeTruthy();
        expect((await onSource('domstate', name)).trim()).toBe('running');
        await expect(onPeer('dominfo', name)).rejects.toThrow();
        const beforeMove = await countsPast(sourceConsole.text, lastCount(sourceConsole.text()), 'source after the failure');

        // Now unthrottled: the disk is copied (NBD) into the peer's pool, the guest keeps counting there.
        const done = await c.migration.start.mutate({ hostId: bff.hostId, uuid, targetHostId: peerHostId });
        expect(done.phase).toBe('completed');
        expect(done.progress?.downtimeMs).toBeGreaterThanOrEqual(0);
        await expect(onSource('dominfo', name)).rejects.toThrow();
        expect((await onPeer('domstate', name)).trim()).toBe('running');
        expect(await onPeer('vol-list', poolName)).toContain('disk.qcow2');
        const onTarget = await watchConsole(dst, name);
        let onPeerCount: number;
        try {
          await onTarget.con.write('\r');
          onPeerCount = await countsPast(onTarget.text, beforeMove, 'target');
        } finally {
          onTarget.con.close();
        }

        // And back: the peer is the source now, the first host the target (its pool still holds the folder).
        const back = await c.migration.start.mutate({ hostId: peerHostId, uuid, targetHostId: bff.hostId });
        expect(back.phase).toBe('completed');
        expect((await onSource('domstate', name)).trim()).toBe('running');
        await expect(onPeer('dominfo', name)).rejects.toThrow();
        const home = await watchConsole(src, name);
        try {
          await countsPast(home.text, onPeerCount, 'first host again');
        } finally {
          home.con.close();
        }
      } finally {
        sourceConsole.con.close();
      }
    },
  );
});
