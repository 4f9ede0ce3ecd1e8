// Writing into a guest's disk from inside the guest, through its agent (guest-exec of dd, synced),
// so that backups see data the guest wrote. Asynchronous, so the test's own libvirt connections
// keep answering the daemon's keepalives meanwhile.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { qemuUri } from '@virtdeck/test-kit/daemon';
import { waitFor } from './guest-waits.js';

const run = promisify(execFile);

async function agent(domain: string, cmd: object): Promise<unknown> {
  const { stdout } = await run('virsh', ['-q', '-c', qemuUri(), 'qemu-agent-command', domain, JSON.stringify(cmd)]);
  return (JSON.parse(stdout) as { return: unknown }).return;
}

/** Writes `mib` MiB of random bytes at `atMiB` MiB of the guest's `device` (e.g. /dev/vda), synced. */
export async function writeGuestDisk(domain: string, device: string, atMiB: number, mib: number): Promise<void> {
  const script = `dd if=/dev/urandom of=${device} bs=1M seek=${atMiB} count=${mib} conv=fsync 2>&1`;
  const { pid } = (await agent(domain, { execute: 'guest-exec', arguments: { path: '/bin/sh', arg: ['-c', script], 'capture-output': true } })) as { pid: number };
  const status = await waitFor('dd in the guest', async () => {
    const s = (await agent(domain, { execute: 'guest-exec-status', arguments: { pid } })) as { exited: boolean; exitcode?: number; 'out-data'?: string };
    return s.exited ? s : undefined;
  });
  if (status.exitcode !== 0) throw new Error(`dd in the guest failed: ${Buffer.from(status['out-data'] ?? '', 'base64').toString()}`);
}

/** Whether the guest's agent answers, without blocking the event loop. */
export async function agentAnswersAsync(domain: string): Promise<boolean> {
  return agent(domain, { execute: 'guest-ping' }).then(
    () => true,
    () => false,
  );
}
