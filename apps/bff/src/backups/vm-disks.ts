// The disks a backup copies: every disk of the VM (device 'disk'; CD-ROMs and floppies are install
// media, not the VM's data), with its virtual size and format; and the other targets, which the
// backup and checkpoint XML list as left out. Whether a disk can hold a checkpoint is decided here,
// before libvirt is asked: a checkpoint is a persistent dirty bitmap, which only a qcow2 v3 image
// holds, and libvirt 9.0's backup-begin, when QEMU refuses the bitmap ("Cannot store dirty bitmaps
// in qcow2 v2 files"), crashes the daemon in its error path (seen here). So a disk counts only when
// it is a pool volume whose XML says compat 1.1; any other disk makes the VM's backups all full.
import { remoteProcedures as rp, type Libvirt } from '@virtdeck/libvirt-client';
import { parseDomainXml, parseVolumeXml } from '@virtdeck/libvirt-xml';
import { TRPCError } from '@trpc/server';

export interface VmDisk {
  disk: string;
  capacity: number;
  format: 'raw' | 'qcow2';
  /** A qcow2 v3 pool volume: it can hold a checkpoint's bitmap. */
  checkpointable: boolean;
}

export interface VmDisks {
  name: string;
  /** The persistent definition, kept with the backup for a restore to a new VM. */
  config: string;
  disks: VmDisk[];
  skipped: string[];
}

export async function vmDisks(lv: Libvirt, uuid: string): Promise<VmDisks> {
  const dom = await lv.domains.lookup(uuid);
  const config = await lv.domains.getXml(dom, { inactive: true });
  const disks: VmDisk[] = [];
  const skipped: string[] = [];
  for (const d of parseDomainXml(config).disks) {
    if (d.device !== 'disk') {
      skipped.push(d.targetDev);
      continue;
    }
    const format = d.driver.type === 'qcow2' ? 'qcow2' : d.driver.type === 'raw' || d.driver.type === undefined ? 'raw' : null;
    if (format === null) throw new TRPCError({ code: 'BAD_REQUEST', message: `${dom.name} cannot be backed up: its disk ${d.targetDev} is ${d.driver.type}, not raw or qcow2` });
    const { capacity } = await lv.call(rp.domainGetBlockInfo, { dom, path: d.targetDev, flags: 0 });
    const top = d.chain.layers[0]?.source;
    const path = top?.kind === 'file' ? top.path : top?.kind === 'block' ? top.dev : null;
    const checkpointable = format === 'qcow2' && path !== null && (await isQcow2v3(lv, path));
    disks.push({ disk: d.targetDev, capacity: Number(capacity), format, checkpointable });
  }
  if (disks.length === 0) throw new TRPCError({ code: 'BAD_REQUEST', message: `${dom.name} has no disk to back up` });
  return { name: dom.name, config, disks, skipped };
}

async function isQcow2v3(lv: Libvirt, path: string): Promise<boolean> {
  const xml = await lv.volumes.getXml({ path }).catch(() => null);
  if (xml === null) return false;
  const compat = parseVolumeXml(xml).target.compat;
  return compat !== undefined && compat !== '0.10';
}
