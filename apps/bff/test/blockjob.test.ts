// Chain operations on a running TCG guest: a qcow2 chain built with qemu-img, an external
// snapshot that grows it, a block commit and a block pull that shorten it, each job's end seen
// as a live block-job event and the chain read back from the live domain XML after each step.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainLiveEvent } from '../src/live/domain-events.js';
import type { Resync } from '../src/live/event-log.js';
import { uniqueName, virsh } from './daemon.js';
import { ADMIN_PASSWORD, startTestBff, wsClientFor, type SessionCookie, type TestBff } from './harness.js';
import { collector } from './live.js';

describe('block jobs on a backing chain', () => {
  const name = uniqueName('chain');
  const dir = mkdtempSync(path.join(tmpdir(), 'vdtest-chain-'));
  const img = (f: string) => path.join(dir, f);
  let uuid = '';
  let bff: TestBff;
  let admin: SessionCookie;
  let ws: ReturnType<typeof wsClientFor>;
  const seen = collector<DomainLiveEvent | Resync>();

  const chain = async () => {
    const d = await bff.client(admin).domain.get.query({ hostId: bff.hostId, uuid });
    const disk = d.disks.find((x) => x.targetDev === 'vda')!;
    return { status: disk.chain.status, files: disk.chain.layers.map((l) => path.basename('path' in l.source ? String(l.source.path) : '?')) };
  };
  const jobEnded = (n: number) => seen.waitFor(() => seen.events.filter((e) => e.kind === 'block-job' && e.domain.uuid === uuid && e.status === 'completed').length >= n, 30_000);

  beforeAll(async () => {
    execFileSync('qemu-img', ['create', '-q', '-f', 'raw', img('base.raw'), '16M']);
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'raw', '-b', img('base.raw'), img('l1.qcow2')]);
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', img('l1.qcow2'), img('top.qcow2')]);
    writeFileSync(
      img('d.xml'),
      `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>
       <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${img('top.qcow2')}'/><target dev='vda' bus='virtio'/></disk></devices></domain>`,
    );
    virsh('define', img('d.xml'));
    virsh('start', name);
    uuid = virsh('domuuid', name).trim();
    bff = await startTestBff();
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
    ws = wsClientFor(bff, admin);
    ws.client.domain.events.subscribe({ hostId: bff.hostId }, { onData: (d) => seen.push(d.data) });
  });

  afterAll(async () => {
    ws?.close();
    try {
      virsh('destroy', name);
    } catch {
      // not running
    }
    virsh('undefine', name, '--snapshots-metadata');
    rmSync(dir, { recursive: true, force: true });
    await bff?.close();
  });

  it('reads the chain the images form', async () => {
    expect(await chain()).toEqual({ status: 'complete', files: ['top.qcow2', 'l1.qcow2', 'base.raw'] });
  });

  it('an external disk-only snapshot adds a layer on top', async () => {
    await bff.client(admin).snapshot.create.mutate({ hostId: bff.hostId, uuid, name: 'snap1', kind: 'disk-only' });
    const c = await chain();
    expect(c.files.slice(1)).toEqual(['top.qcow2', 'l1.qcow2', 'base.raw']);
    expect(c.files).toHaveLength(4);
  });

  it('a block commit of l1 into the base removes l1 from the chain', async () => {
    await bff.client(admin).blockJob.commit.mutate({ hostId: bff.hostId, uuid, disk: 'vda', top: img('l1.qcow2'), base: img('base.raw') });
    await jobEnded(1);
    const c = await chain();
    expect(c.files.slice(1)).toEqual(['top.qcow2', 'base.raw']);
  });

  it('a block pull flattens the chain into the active layer', async () => {
    await bff.client(admin).blockJob.pull.mutate({ hostId: bff.hostId, uuid, disk: 'vda' });
    await jobEnded(2);
    const c = await chain();
    expect(c.files).toHaveLength(1);
    expect(await bff.client(admin).blockJob.info.query({ hostId: bff.hostId, uuid, disk: 'vda' })).toBeNull();
  });
});
