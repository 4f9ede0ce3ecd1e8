// What the backup tests share: a dir pool of their own with a qcow2 v3 disk (filled with data by
// qemu-io where a test needs the copy to take a while) and a domain on it that never boots (the
// backup starts it paused), all removed after.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { isNoDomain, type Libvirt } from '@virtdeck/libvirt-client';
import { buildPoolXml, buildVolumeXml } from '@virtdeck/libvirt-xml';
import { uniqueName } from '@virtdeck/test-kit/daemon';

const run = promisify(execFile);
export const MiB = 1024 * 1024;

export function idleDomainXml(name: string, disk: string): string {
  return `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${disk}'/><target dev='vda' bus='virtio'/></disk></devices>
</domain>`;
}

export class BackupFixture {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'vdtest-bkfix-'));
  readonly pools: string[] = [];
  readonly domains: string[] = [];
  constructor(private lv: Libvirt) {}

  /** Goes on with a new connection (the old one died with a daemon restart). */
  useConnection(lv: Libvirt): void {
    this.lv = lv;
  }

  async pool(prefix: string, targetPath = path.join(this.dir, prefix)): Promise<string> {
    const name = uniqueName(prefix);
    await this.lv.pools.define(buildPoolXml({ name, type: 'dir', targetPath }));
    this.pools.push(name);
    await this.lv.pools.build(name);
    await this.lv.pools.start(name);
    return name;
  }

  /** A domain with one qcow2 disk of `sizeMiB`, `dataMiB` of it written with a pattern. */
  async domain(pool: string, sizeMiB: number, dataMiB = 0): Promise<{ name: string; uuid: string; disk: string }> {
    const name = uniqueName('bkvm');
    const vol = await this.lv.volumes.create(pool, buildVolumeXml({ name: `${name}.qcow2`, format: 'qcow2', capacityBytes: sizeMiB * MiB }));
    const disk = (await this.lv.volumes.get(vol)).path;
    if (dataMiB > 0) await run('/usr/bin/qemu-io', ['-f', 'qcow2', '-c', `write -P 0x5a 0 ${dataMiB}M`, disk]);
    const dom = await this.lv.domains.define(idleDomainXml(name, disk));
    this.domains.push(name);
    return { name, uuid: (await this.lv.domains.get(dom)).uuid, disk };
  }

  async cleanup(): Promise<void> {
    for (const d of this.domains) {
      await this.lv.domains.destroy(d).catch(() => undefined);
      await this.lv.domains.undefine(d, ['CHECKPOINTS_METADATA', 'SNAPSHOTS_METADATA']).catch((e: unknown) => {
        if (!isNoDomain(e)) throw e;
      });
    }
    for (const p of this.pools) {
      for (const v of await this.lv.volumes.list(p).catch(() => [])) await this.lv.volumes.delete({ path: v.path }).catch(() => undefined);
      await this.lv.pools.destroy(p).catch(() => undefined);
      await this.lv.pools.undefine(p).catch(() => undefined);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
