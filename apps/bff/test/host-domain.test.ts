import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestBff, type SessionCookie, type TestBff } from './harness.js';
import { testNodeUri, uniqueName, virsh } from '@virtdeck/test-kit/daemon';

describe('host and domain routers against the real daemon', () => {
  const name = uniqueName('bff');
  let bff: TestBff;
  let admin: SessionCookie;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vdtest-'));
    writeFileSync(
      path.join(dir, 'd.xml'),
      `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>3</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>`,
    );
    virsh('define', path.join(dir, 'd.xml'));
    rmSync(dir, { recursive: true });
    bff = await startTestBff();
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
  });

  afterAll(async () => {
    virsh('undefine', name);
    await bff?.close();
  });

  it('host.info reports the versions the daemon reports to virsh', async () => {
    const info = await bff.client(admin).host.info.query({ hostId: bff.hostId });
    const version = /Using library: libvirt ([\d.]+)/.exec(virsh('version'))?.[1];
    expect(info.libvirtVersion).toBe(version);
    expect(info.hypervisor.type).toBe('QEMU');
    expect(info.hostname.length).toBeGreaterThan(0);
    expect(info.node.cpus).toBeGreaterThan(0);
    expect(info.freeMemoryBytes).toBeGreaterThan(0);
    expect(info.capabilities.guests.find((g) => g.arch === 'x86_64')?.domainTypes).toContain('qemu');
  });

  it('host.list shows the first host connected', async () => {
    const hosts = await bff.client(admin).host.list.query();
    expect(hosts).toHaveLength(1);
    expect(hosts[0]?.state?.status).toBe('connected');
  });

  it('domain.list includes a guest defined behind its back, with its state and resources', async () => {
    const list = await bff.client(admin).domain.list.query({ hostId: bff.hostId });
    const mine = list.find((d) => d.name === name);
    expect(mine).toMatchObject({ state: 'shutoff', id: null, vcpus: 3, memoryKiB: 64 * 1024 });
    expect(mine?.uuid).toBe(virsh('domuuid', name).trim());
  });

  it('sorts a host list once per change: one answer until an event changes the list', async () => {
    const cache = bff.server.services.domainLists;
    const lv = await bff.server.services.hosts.client(bff.hostId);
    const first = await cache.listByName(bff.hostId, lv);
    expect(await cache.listByName(bff.hostId, lv)).toBe(first);
    // Shared by every caller, so nobody may change it.
    expect(Object.isFrozen(first)).toBe(true);
    const names = (list: readonly { name: string }[]) => list.map((d) => d.name);
    expect(names(first)).toEqual(names(first).toSorted((a, b) => a.localeCompare(b)));

    const added = uniqueName('bff-sort');
    const dir = mkdtempSync(path.join(tmpdir(), 'vdtest-'));
    try {
      writeFileSync(path.join(dir, 'd.xml'), `<domain type='qemu'><name>${added}</name><memory unit='MiB'>64</memory><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>`);
      virsh('define', path.join(dir, 'd.xml'));
      await expect.poll(async () => names(await cache.listByName(bff.hostId, lv)), { timeout: 10_000 }).toContain(added);
      const changed = await cache.listByName(bff.hostId, lv);
      expect(changed).not.toBe(first);
      expect(names(changed)).toEqual(names(changed).toSorted((a, b) => a.localeCompare(b)));
    } finally {
      virsh('undefine', added);
      rmSync(dir, { recursive: true });
    }
  });

  it('lists the 1,000 guests of a test-driver host with their states', async () => {
    const host = await bff.client(admin).host.add.mutate({ name: uniqueName('node'), uri: testNodeUri() });
    const list = await bff.client(admin).domain.list.query({ hostId: host.id });
    expect(list).toHaveLength(1000);
    expect(new Set(list.map((d) => d.state))).toEqual(new Set(['running', 'paused', 'shutoff']));
    expect(list[0]?.name).toBe('vm-0001');
  });
});
