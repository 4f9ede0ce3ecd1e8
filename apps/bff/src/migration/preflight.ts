// What a migration needs of its target, checked before anything moves: the storage (a pool on the
// target for each disk folder to copy into, or the very files when storage is shared), the
// networks the NICs use, the emulator and machine type, and the guest CPU's features. Each thing
// missing is named; the caller refuses the migration with all of them at once.
import path from 'node:path';
import {
  isNoStorageVol,
  remoteProcedures as rp,
  VirConnectCompareCPUFlags,
  type Libvirt,
} from '@virtdeck/libvirt-client';
import { layerPath, parseDomainXml, parsePoolXml, type DomainModel } from '@virtdeck/libvirt-xml';

export interface MigrationPlan {
  /** Disk targets (vda, ...) whose images are copied to the target over NBD. */
  copyDisks: string[];
  /** What the target lacks, in words; empty: the migration may start. */
  missing: string[];
}

const ERR_MSG = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Folders of the target's active pools (where libvirt can create a copied disk's volume). */
async function poolFolders(dst: Libvirt): Promise<Set<string>> {
  const folders = new Set<string>();
  for (const p of await dst.pools.list()) {
    if (p.state !== 'running') continue;
    const target = parsePoolXml(await dst.pools.getXml(p.name)).targetPath;
    if (target) folders.add(path.posix.normalize(target));
  }
  return folders;
}

async function targetHasVolume(dst: Libvirt, file: string): Promise<boolean> {
  try {
    await dst.call(rp.storageVolLookupByPath, { path: file });
    return true;
  } catch (e) {
    if (isNoStorageVol(e)) return false;
    throw e;
  }
}

async function checkDisks(dom: DomainModel, dst: Libvirt, copy: boolean, plan: MigrationPlan): Promise<void> {
  const folders = copy ? await poolFolders(dst) : new Set<string>();
  for (const disk of dom.disks) {
    const file = disk.chain.layers[0] ? layerPath(disk.chain.layers[0]) : undefined;
    if (!file) continue; // an empty CD-ROM drive, or a network disk: nothing on the host's files
    // Read-only media are never copied (libvirt copies writable disks): the target must have them.
    const copied = copy && !disk.readonly && !disk.shareable && disk.device === 'disk';
    if (copied) {
      plan.copyDisks.push(disk.targetDev);
      if (!folders.has(path.posix.dirname(file)) && !(await targetHasVolume(dst, file))) {
        plan.missing.push(`a storage pool for ${path.posix.dirname(file)} (disk ${disk.targetDev} is copied to ${file})`);
      }
    } else if (!(await targetHasVolume(dst, file))) {
      plan.missing.push(`the volume ${file} (disk ${disk.targetDev}${copy ? ', read-only, not copied' : ', shared storage'}) in one of its storage pools`);
    }
  }
}

async function checkNetworks(dom: DomainModel, dst: Libvirt, plan: MigrationPlan): Promise<void> {
  const wanted = [...new Set(dom.nics.filter((n) => n.type === 'network' && n.source.network).map((n) => n.source.network!))];
  if (wanted.length === 0) return;
  const active = new Set((await dst.networks.list()).filter((n) => n.active).map((n) => n.name));
  for (const name of wanted) if (!active.has(name)) plan.missing.push(`the network '${name}' (active)`);
}

/** The emulator and machine type, then the guest CPU (when the domain names a CPU model). */
async function checkHypervisor(dom: DomainModel, xml: string, dst: Libvirt, plan: MigrationPlan): Promise<void> {
  const emulator = /<emulator>([^<]+)<\/emulator>/.exec(xml)?.[1] ?? null;
  const arch = dom.os.arch ?? null;
  const machine = dom.os.machine ?? null;
  const virttype = dom.type;
  try {
    await dst.call(rp.connectGetDomainCapabilities, { emulatorbin: emulator, arch, machine, virttype, flags: 0 });
  } catch (e) {
    plan.missing.push(`support for ${virttype} guests on ${emulator ?? arch ?? 'this emulator'} with machine ${machine ?? 'default'} (${ERR_MSG(e)})`);
    return;
  }
  const cpu = /<cpu\b[^>]*>[\s\S]*?<\/cpu>/.exec(xml)?.[0];
  if (!cpu || !/<model\b/.test(cpu)) return;
  try {
    await dst.call(rp.connectCompareHypervisorCpu, {
      emulator,
      arch,
      machine,
      virttype,
      xmlCPU: cpu,
      flags: VirConnectCompareCPUFlags.FAIL_INCOMPATIBLE,
    });
  } catch (e) {
    plan.missing.push(`the guest's CPU features (${ERR_MSG(e)})`);
  }
}

/** What the target lacks for this domain (its live XML when running, else its definition). */
export async function migrationPlan(xml: string, dst: Libvirt, copyStorage: boolean): Promise<MigrationPlan> {
  const dom = parseDomainXml(xml);
  const plan: MigrationPlan = { copyDisks: [], missing: [] };
  await checkDisks(dom, dst, copyStorage, plan);
  await checkNetworks(dom, dst, plan);
  await checkHypervisor(dom, xml, dst, plan);
  return plan;
}
