// Metrics history through the API, from a BFF collecting every second on the real daemon: a
// running guest's CPU and its disk's series, the host's CPU and memory; viewers in scope read
// them, a user limited to other hosts is refused; and the history is still there after the BFF
// restarts on the same database.
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { waitFor } from './guest-waits.js';
import { ADMIN_PASSWORD, failureOf, startTestBff, type SessionCookie, type TestBff } from './harness.js';

describe('metrics history', () => {
  const name = uniqueName('metrics');
  let dir = '';
  let dataDir = '';
  let uuid = '';
  let bff: TestBff | undefined;
  let viewer: SessionCookie;
  let outsider: SessionCookie;

  const start = () => startTestBff({ VIRTDECK_DATA_DIR: dataDir, VIRTDECK_METRICS_INTERVAL_SECONDS: '1' });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-metrics-'));
    dataDir = path.join(dir, 'data');
    const disk = path.join(dir, 'disk.raw');
    writeFileSync(disk, '');
    truncateSync(disk, 1024 * 1024);
    const xml = path.join(dir, 'guest.xml');
    writeFileSync(xml, readFileSync(new URL('./fixtures/metrics-guest.xml', import.meta.url), 'utf8').replace('__NAME__', name).replace('__DISK__', disk).replace('__NET__', name));
    const netXml = path.join(dir, 'net.xml');
    writeFileSync(netXml, `<network><name>${name}</name></network>`);
    virsh('net-create', netXml);
    virsh('define', xml);
    virsh('start', name);
    uuid = virsh('domuuid', name).trim();

    bff = await start();
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'metrics-viewer', password: 'viewer-password-1', role: 'viewer' });
    const out = await bff.client(admin).user.create.mutate({ username: 'metrics-outsider', password: 'viewer-password-1', role: 'viewer' });
    await bff.client(admin).user.setHosts.mutate({ userId: out.id, hostIds: ['some-other-host'] });
    viewer = await bff.signIn('metrics-viewer', 'viewer-password-1');
    outsider = await bff.signIn('metrics-outsider', 'viewer-password-1');
  });

  afterAll(async () => {
    await bff?.close();
    virshQuietly('destroy', name);
    virshQuietly('undefine', name);
    virshQuietly('net-destroy', name);
    rmSync(dir, { recursive: true, force: true });
  });

  it('collects the guest’s CPU and disk, and the host’s CPU and memory', async () => {
    const client = bff!.client(viewer);
    // Two samples: the first tick only sets the baseline of the rates.
    const vm = await waitFor('two samples of the guest', async () => {
      const h = await client.metrics.vm.query({ hostId: bff!.hostId, uuid, range: '1h' });
      return h.at.length >= 2 ? h : undefined;
    });
    expect(vm.stepMs).toBe(1000);
    expect(vm.totals.cpuPercent.some((v) => v !== null && v > 0)).toBe(true);
    expect(vm.totals.memoryBytes.every((v) => v !== null && v > 0)).toBe(true);
    expect(vm.parts.find((p) => p.kind === 'disk')).toMatchObject({ name: 'vda', lines: { read: expect.any(Array), write: expect.any(Array) } });
    expect(vm.parts.find((p) => p.kind === 'nic')).toMatchObject({ name: expect.stringMatching(/^vnet/), lines: { rx: expect.any(Array), tx: expect.any(Array) } });

    const host = await client.metrics.host.query({ hostId: bff!.hostId, range: '1h' });
    expect(host.at.length).toBeGreaterThanOrEqual(2);
    const last = host.at.length - 1;
    expect(host.totals.cpuPercent[last]).toBeGreaterThanOrEqual(0);
    expect(host.totals.memoryUsedBytes[last]).toBeGreaterThan(0);
    expect(host.totals.memoryUsedBytes[last]).toBeLessThan(host.totals.memoryTotalBytes[last]!);

    const latest = await client.metrics.latestVms.query({ hostId: bff!.hostId });
    expect(latest[uuid]).toMatchObject({ cpuPercent: expect.any(Number), memoryBytes: expect.any(Number) });
  });

  it('refuses a user whose hosts do not include this one, and anyone signed out', async () => {
    const refused = await failureOf(bff!.client(outsider).metrics.vm.query({ hostId: bff!.hostId, uuid, range: '24h' }));
    expect(refused.code).toBe('FORBIDDEN');
    expect((await failureOf(bff!.client(outsider).metrics.host.query({ hostId: bff!.hostId, range: '1h' }))).code).toBe('FORBIDDEN');
    expect((await failureOf(bff!.client().metrics.latestVms.query({ hostId: bff!.hostId }))).code).toBe('UNAUTHORIZED');
  });

  it('keeps the history across a BFF restart', async () => {
    const before = await bff!.client(viewer).metrics.vm.query({ hostId: bff!.hostId, uuid, range: '1h' });
    const hostId = bff!.hostId;
    await bff!.close();
    bff = undefined;
    // The same database, collecting off: only what was stored can answer.
    bff = await startTestBff({ VIRTDECK_DATA_DIR: dataDir, VIRTDECK_METRICS_INTERVAL_SECONDS: '0' });
    expect(bff.hostId).toBe(hostId);
    const session = await bff.signIn('metrics-viewer', 'viewer-password-1');
    const after = await bff.client(session).metrics.vm.query({ hostId, uuid, range: '1h' });
    // stepMs reads as the default interval's with the collector off; the points are the same.
    expect(after.at.slice(0, before.at.length)).toEqual(before.at);
    expect(after.totals.cpuPercent.slice(0, before.at.length)).toEqual(before.totals.cpuPercent);
  });
});
