// Backups and checkpoints through the facade: a paused TCG domain with a qcow2 disk, a full push
// backup that records a checkpoint, data written into the disk, an incremental backup from that
// checkpoint, their job stats, the checkpoint tree, and deleting checkpoints.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Libvirt } from '../../src/facade/libvirt.js';
import { isNoDomain } from '../../src/facade/errors.js';
import type { JobStats } from '../../src/facade/backups.js';
import { daemon } from './daemon.js';

const run = promisify(execFile);
const qemuImg = async (...args: string[]): Promise<string> => (await run('/usr/bin/qemu-img', args)).stdout;

function domainXml(name: string, disk: string): string {
  return `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${disk}'/><target dev='vda' bus='virtio'/></disk></devices>
</domain>`;
}

const backupXml = (target: string, incremental?: string): string =>
  `<domainbackup>${incremental ? `<incremental>${incremental}</incremental>` : ''}<disks><disk name='vda' type='file'><target file='${target}'/><driver type='qcow2'/></disk></disks></domainbackup>`;
const checkpointXml = (name: string): string => `<domaincheckpoint><name>${name}</name><disks><disk name='vda' checkpoint='bitmap'/></disks></domaincheckpoint>`;

/** Polls the job until it is no longer active, then answers the completed job's stats. */
async function finished(lv: Libvirt, dom: string): Promise<JobStats> {
  for (;;) {
    const now = await lv.backups.jobStats(dom);
    if (now.type === 'none') return lv.backups.jobStats(dom, ['COMPLETED']);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('backups and checkpoints on the qemu driver', () => {
  let lv: Libvirt;
  let dir: string;
  const name = daemon.uniqueName('backup');

  beforeAll(async () => {
    lv = await Libvirt.connect(daemon.qemuUnixUri());
    dir = await mkdtemp(path.join(tmpdir(), 'vdtest-facade-backup-'));
  });
  afterAll(async () => {
    if (lv) {
      await lv.domains.destroy(name).catch(() => undefined);
      await lv.domains.undefine(name, ['CHECKPOINTS_METADATA']).catch((e: unknown) => {
        if (!isNoDomain(e)) throw e;
      });
      await lv.close();
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a full backup with a checkpoint, then an incremental one from it; the checkpoint tree; delete', async () => {
    const disk = path.join(dir, 'disk.qcow2');
    await qemuImg('create', '-f', 'qcow2', disk, '16M');
    await lv.domains.define(domainXml(name, disk));
    await lv.domains.start(name, ['START_PAUSED']);

    const full = path.join(dir, 'full.qcow2');
    await lv.backups.begin(name, backupXml(full), checkpointXml('cp1'));
    const first = await finished(lv, name);
    expect(first.type).toBe('completed');
    expect(first.operation).toBe('backup');
    expect(first.bytesTotal).toBe(16 * 1024 * 1024);
    expect(first.bytesProcessed).toBe(first.bytesTotal);
    expect(first.success).toBe(true);

    // Into a target we made (REUSE_EXTERNAL): an overlay whose backing is the full backup, so it
    // reads as the whole disk at that point.
    const inc = path.join(dir, 'inc.qcow2');
    await qemuImg('create', '-f', 'qcow2', '-b', full, '-F', 'qcow2', inc, '16M');
    await lv.backups.begin(name, backupXml(inc, 'cp1'), checkpointXml('cp2'), ['EXTERNAL']);
    const second = await finished(lv, name);
    expect(second.type).toBe('completed');
    expect(JSON.parse(await qemuImg('info', '--output=json', inc))['backing-filename']).toBe(full);

    const tree = await lv.checkpoints.list(name);
    expect(tree.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'cp1', parent: null },
      { name: 'cp2', parent: 'cp1' },
    ]);
    expect(await lv.checkpoints.getXml(name, 'cp2')).toContain('<parent>');
    await lv.checkpoints.delete(name, 'cp2');
    expect(await lv.checkpoints.exists(name, 'cp2')).toBe(false);
    expect(await lv.checkpoints.exists(name, 'cp1')).toBe(true);
  });

  it('no job: stats say none; abortJob refuses; freezing without an agent is refused with a libvirt error', async () => {
    expect((await lv.backups.jobStats(name)).type).toBe('none');
    await expect(lv.backups.abortJob(name)).rejects.toMatchObject({ name: 'LibvirtError' });
    await expect(lv.backups.freezeFileSystems(name)).rejects.toMatchObject({ name: 'LibvirtError' });
  });
});
