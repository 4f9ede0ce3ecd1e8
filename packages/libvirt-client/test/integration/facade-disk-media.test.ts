// blockResize and the tray-change event against the real libvirtd: a running guest (no OS, it
// idles in its firmware) with a raw disk grown live, and a SATA CD-ROM whose medium libvirt
// changes, which opens and closes the tray.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Libvirt } from '../../src/facade/libvirt.js';
import { isNoDomain } from '../../src/facade/errors.js';
import { daemon } from './daemon.js';
import { nextMatching } from './events.js';

describe('blockResize and tray-change events', () => {
  let lv: Libvirt;
  let dir = '';
  const name = daemon.uniqueName('diskmedia');
  const cdrom = (iso: string | null) =>
    `<disk type='file' device='cdrom'><driver name='qemu' type='raw'/>${iso ? `<source file='${iso}'/>` : ''}<target dev='sda' bus='sata'/><readonly/></disk>`;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-diskmedia-'));
    writeFileSync(path.join(dir, 'disk.raw'), Buffer.alloc(1024 * 1024));
    writeFileSync(path.join(dir, 'a.iso'), Buffer.alloc(64 * 1024));
    lv = await Libvirt.connect(daemon.qemuUnixUri());
    await lv.domains.define(
      `<domain type='qemu'><name>${name}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><devices>
        <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${dir}/disk.raw'/><target dev='vda' bus='virtio'/></disk>${cdrom(null)}</devices></domain>`,
    );
    await lv.domains.start(name);
  });
  afterAll(async () => {
    if (lv) {
      await lv.domains.destroy(name).catch(() => undefined);
      await lv.domains.undefine(name).catch((e: unknown) => {
        if (!isNoDomain(e)) throw e;
      });
      await lv.close();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('grows a running disk to a size in bytes', async () => {
    await lv.domains.blockResize(name, 'vda', 4 * 1024 * 1024, ['BYTES']);
    expect(statSync(path.join(dir, 'disk.raw')).size).toBe(4 * 1024 * 1024);
  });

  it('reports the tray closing when a medium goes in', async () => {
    const trays = await lv.events.trayChange({ dom: name });
    await lv.domains.updateDevice(name, cdrom(path.join(dir, 'a.iso')), ['LIVE']);
    const closed = await nextMatching(trays[Symbol.asyncIterator](), (e) => e.tray === 'closed');
    await trays.unsubscribe();
    expect(closed).toMatchObject({ domain: { name }, tray: 'closed', raw: { reason: 1 } });
    expect(await lv.domains.getXml(name)).toContain(`<alias name='${closed.alias}'/>`);
  });
});
