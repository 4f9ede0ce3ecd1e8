// `pnpm bench:backups` in apps/bff (also part of `pnpm bench`): backups through the BFF (a
// process of its own, over tRPC) of a VM with a 1 GiB qcow2 disk full of data, against
// `qemu-img convert` of the same disk into the same target pool in the same run (the goal's
// reference), and against libvirt's own push backup of it started by virsh (what QEMU's backup job
// does without us: the BFF's share of the time is the difference); and the size of an incremental
// backup after 10 MiB were written, against those 10 MiB.
// The VM is started paused before the full backup, so the figure is the backup itself (volumes,
// checkpoint, copy), not QEMU's start-up; the incremental is of the shut-off VM (the backup starts
// it paused and stops it), after qemu-io wrote the 10 MiB into the disk.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { qemuUri, uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { signIn, startBff, trpc, type Session } from './bff-process.js';

const run = promisify(execFile);
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

interface Point {
  id: string;
  kind: string;
  status: string;
  durationMs: number | null;
  sizeBytes: number | null;
  error: string | null;
}
interface VmBackups {
  sets: { points: Point[] }[];
  running: { id: string } | null;
  failures: Point[];
}

const tmp = mkdtempSync(path.join(tmpdir(), 'vdbench-backups-'));
const diskPool = uniqueName('bkbenchdisks', 'vdbench');
const targetPool = uniqueName('bkbenchtarget', 'vdbench');
const vm = uniqueName('bkbench', 'vdbench');
const bff = await startBff(qemuUri(), 4191);

async function backUp(s: Session, hostId: string, uuid: string): Promise<Point> {
  const { backupId } = await trpc<{ backupId: string }>(bff.url, s, 'backup.start', { hostId, uuid }, true);
  for (;;) {
    const list = await trpc<VmBackups>(bff.url, s, 'backup.list', { hostId, uuid });
    const all = [...list.sets.flatMap((x) => x.points), ...list.failures];
    const p = all.find((x) => x.id === backupId);
    if (p && p.status !== 'running' && list.running === null) {
      if (p.status !== 'done') throw new Error(`the backup ended ${p.status}: ${p.error}`);
      return p;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

let full: Point | undefined;
let inc: Point | undefined;
let convertMs: number | undefined;
let virshMs: number | undefined;
try {
  for (const [name, dir] of [
    [diskPool, path.join(tmp, 'disks')],
    [targetPool, path.join(tmp, 'target')],
  ] as const) {
    virsh('pool-define-as', name, 'dir', '--target', dir);
    virsh('pool-build', name);
    virsh('pool-start', name);
  }
  const disk = path.join(tmp, 'disks', 'disk.qcow2');
  await run('/usr/bin/qemu-img', ['create', '-q', '-f', 'qcow2', disk, '1G']);
  await run('/usr/bin/qemu-io', ['-f', 'qcow2', '-c', 'write -P 0x5a 0 1G', disk]);
  virsh('pool-refresh', diskPool);
  const xml = path.join(tmp, 'vm.xml');
  writeFileSync(
    xml,
    `<domain type='qemu'><name>${vm}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>
     <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${disk}'/><target dev='vda' bus='virtio'/></disk></devices></domain>`,
  );
  virsh('define', xml);
  const uuid = virsh('domuuid', vm).trim();

  const s = await signIn(bff.url);
  const [host] = await trpc<{ id: string }[]>(bff.url, s, 'host.list');
  await trpc(bff.url, s, 'backup.setTarget', { hostId: host!.id, pool: targetPool }, true);

  // The reference: the same bytes into the same pool's folder, by qemu-img.
  const t0 = performance.now();
  await run('/usr/bin/qemu-img', ['convert', '-O', 'qcow2', disk, path.join(tmp, 'target', 'reference.qcow2')]);
  convertMs = performance.now() - t0;
  rmSync(path.join(tmp, 'target', 'reference.qcow2'));

  // libvirt alone: virsh backup-begin into a fresh qcow2 file, timed by libvirt's job stats.
  virsh('start', vm, '--paused');
  const refTarget = path.join(tmp, 'target', 'virsh-ref.qcow2');
  writeFileSync(path.join(tmp, 'backup.xml'), `<domainbackup><disks><disk name='vda' type='file'><target file='${refTarget}'/><driver type='qcow2'/></disk></disks></domainbackup>`);
  virsh('backup-begin', vm, path.join(tmp, 'backup.xml'));
  while (virsh('domjobinfo', vm).includes('Backup')) await new Promise((r) => setTimeout(r, 200));
  virshMs = Number(/Time elapsed:\s+(\d+)\s+ms/.exec(virsh('domjobinfo', vm, '--completed'))?.[1]);
  rmSync(refTarget);

  full = await backUp(s, host!.id, uuid);
  virsh('destroy', vm);
  await run('/usr/bin/qemu-io', ['-f', 'qcow2', '-c', 'write -P 0x33 300M 10M', disk]);
  inc = await backUp(s, host!.id, uuid);
  if (inc.kind !== 'incremental') throw new Error(`the second backup was ${inc.kind}, not incremental`);
} finally {
  virshQuietly('destroy', vm);
  virshQuietly('undefine', vm, '--checkpoints-metadata');
  for (const p of [diskPool, targetPool]) {
    virshQuietly('pool-destroy', p);
    virshQuietly('pool-undefine', p);
  }
  await bff.stop();
  rmSync(tmp, { recursive: true, force: true });
}

const throughput = (ms: number) => GiB / MiB / (ms / 1000);
const f = full!;
const i = inc!;
const backupRate = throughput(f.durationMs ?? NaN);
const convertRate = throughput(convertMs ?? NaN);
console.log('\nBackup benchmark (apps/bff/bench/backups.ts): a VM with a 1 GiB qcow2 disk full of data, through the BFF');
const rows: [string, string, string, string][] = [
  ['full backup throughput (push, paused VM)', `${backupRate.toFixed(0)} MiB/s`, 'goal >= 0.8x the ref', `${(backupRate / convertRate).toFixed(2)}x the ref`],
  ['  qemu-img convert, same disk and pool (ref)', `${convertRate.toFixed(0)} MiB/s`, '', ''],
  ['  virsh backup-begin, same disk and pool', `${throughput(virshMs ?? NaN).toFixed(0)} MiB/s`, 'libvirt without the BFF', `${(backupRate / throughput(virshMs ?? NaN)).toFixed(2)}x virsh`],
  ['incremental after writing 10 MiB', `${((i.sizeBytes ?? NaN) / MiB).toFixed(1)} MiB`, 'goal <= 2x written', `${((i.sizeBytes ?? NaN) / (10 * MiB)).toFixed(2)}x written`],
];
for (const [what, value, goal, ratio] of rows) console.log(`  ${what.padEnd(46)} ${value.padStart(12)}  ${goal.padEnd(22)} ${ratio}`);
