// `pnpm bench:migration` in apps/bff (also part of `pnpm bench`): a live migration of the demo-OS
// guest (128 MiB, counting on its serial console) from the sandbox to the second host
// (scripts/libvirt-peer.sh), through the BFF, and the same migration done by libvirt's own client
// (virsh migrate --live: the same client-managed v3 protocol) in the same run as the reference.
// Downtime and total time come from libvirt's job statistics of the completed job, read on the
// target (virDomainGetJobStats with COMPLETED), not from a clock of ours.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Libvirt } from '@virtdeck/libvirt-client';
import { qemuUri, uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { bootableGuestXml, guestPrompt } from '@virtdeck/test-kit/guest-image';
import { isPeer, peerHost, peerVirsh, peerVirshQuietly, type PeerHost } from '@virtdeck/test-kit/peer';
import { signIn, startBff, trpc, type Session } from './bff-process.js';

/** QEMU's default maximum downtime for the switch-over (migrate-set-parameters downtime-limit). */
const QEMU_DEFAULT_DOWNTIME_LIMIT_MS = 300;

const peer = peerHost();
if (!isPeer(peer)) {
  console.log(`\nMigration benchmark skipped: ${peer.skip}`);
  process.exit(0);
}
const p: PeerHost = peer;
const tmp = mkdtempSync(path.join(tmpdir(), 'vdbench-migration-'));

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 240_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Boots the demo guest on the sandbox and starts its counter; resolves once it counts. */
async function bootCountingGuest(lv: Libvirt, name: string): Promise<string> {
  const file = path.join(tmp, `${name}.xml`);
  writeFileSync(file, bootableGuestXml({ name }));
  virsh('define', file);
  virsh('start', name, '--paused');
  const con = await lv.openConsole(name, null, ['FORCE']);
  const chunks: Buffer[] = [];
  con.readable.on('data', (c: Buffer) => chunks.push(c));
  const text = () => Buffer.concat(chunks).toString('utf8');
  try {
    virsh('resume', name);
    await waitFor('the shell prompt', () => (text().includes(guestPrompt(name)) ? true : undefined));
    await con.write('i=0; while true; do i=$((i+1)); echo "vdcount $i"; sleep 1; done\r');
    await waitFor('the counter', () => (/vdcount 2/.test(text()) ? true : undefined));
  } finally {
    con.close();
  }
  return virsh('domuuid', name).trim();
}

interface Figures {
  downtimeMs: number;
  totalMs: number;
}

/** The completed job's figures as the target keeps them (virsh domjobinfo --completed). */
function completedOnTarget(name: string): Figures {
  const info = peerVirsh(p, 'domjobinfo', name, '--completed');
  // ("Time elapsed:     4313         ms": virsh pads the number)
  const field = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)\\s+ms`).exec(info)?.[1]);
  return { downtimeMs: field('Total downtime'), totalMs: field('Time elapsed') };
}

const viaBff = uniqueName('migbench', 'vdbench');
const viaVirsh = uniqueName('migbenchref', 'vdbench');
const lv = await Libvirt.connect(qemuUri());
const bff = await startBff(qemuUri(), 4181);
let bffFigures: Figures | undefined;
let refFigures: Figures | undefined;
try {
  const s: Session = await signIn(bff.url);
  const [first] = await trpc<{ id: string }[]>(bff.url, s, 'host.list');
  const { id: peerId } = await trpc<{ id: string }>(bff.url, s, 'host.add', { name: 'peer', uri: p.tcpUri }, true);

  const uuid = await bootCountingGuest(lv, viaBff);
  const status = await trpc<{ phase: string; progress: { downtimeMs: number | null; elapsedMs: number | null } | null }>(
    bff.url,
    s,
    'migration.start',
    { hostId: first!.id, uuid, targetHostId: peerId, mode: 'live', storage: 'shared' },
    true,
  );
  if (status.phase !== 'completed') throw new Error(`the migration ended ${status.phase}`);
  bffFigures = { downtimeMs: status.progress?.downtimeMs ?? NaN, totalMs: status.progress?.elapsedMs ?? NaN };

  await bootCountingGuest(lv, viaVirsh);
  execFileSync('virsh', ['-q', '-c', qemuUri(), 'migrate', '--live', '--persistent', '--undefinesource', viaVirsh, p.tcpUri], { stdio: 'inherit' });
  refFigures = completedOnTarget(viaVirsh);
} finally {
  for (const n of [viaBff, viaVirsh]) {
    virshQuietly('destroy', n);
    virshQuietly('undefine', n);
    peerVirshQuietly(p, 'destroy', n);
    peerVirshQuietly(p, 'undefine', n);
  }
  await bff.stop();
  await lv.close();
  rmSync(tmp, { recursive: true, force: true });
}

const b = bffFigures!;
const r = refFigures!;
console.log('\nMigration benchmark (apps/bff/bench/migration.ts): demo guest, 128 MiB, sandbox -> peer over tcp');
const rows: [string, string, string, string][] = [
  ['live migration downtime, through the BFF', `${b.downtimeMs} ms`, 'ref: virsh, same run', `${(b.downtimeMs / Math.max(r.downtimeMs, 1)).toFixed(2)}x the ref`],
  ['  same guest, virsh migrate --live (ref)', `${r.downtimeMs} ms`, `QEMU's target ${QEMU_DEFAULT_DOWNTIME_LIMIT_MS} ms`, ''],
  ['total migration time, through the BFF', `${b.totalMs} ms`, 'ref: virsh, same run', `${(b.totalMs / Math.max(r.totalMs, 1)).toFixed(2)}x the ref`],
  ['  same guest, virsh migrate --live (ref)', `${r.totalMs} ms`, '', ''],
];
for (const [what, value, goal, ratio] of rows) console.log(`  ${what.padEnd(44)} ${value.padStart(10)}  ${goal.padEnd(24)} ${ratio}`);
console.log(`  (QEMU's downtime target is ${QEMU_DEFAULT_DOWNTIME_LIMIT_MS} ms; under TCG on a loaded 2-core machine the last round of dirty pages takes longer to copy)`);
