// The machine's real libvirtd, started by scripts/libvirt-sandbox.sh (or the user's own).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const state = process.env.VIRTDECK_STATE ?? path.join(repoRoot, '.state');

export function libvirtSocket(): string {
  for (const c of [process.env.LIBVIRT_SOCKET, path.join(state, 'libvirt/run/libvirt-sock'), '/run/libvirt/libvirt-sock']) {
    if (c && existsSync(c)) return c;
  }
  throw new Error('no libvirtd socket: run `bash scripts/libvirt-sandbox.sh start` first');
}

export const qemuUri = (): string => `qemu+unix:///system?socket=${libvirtSocket()}`;
export const testNodeUri = (): string => `test+unix://${path.join(state, 'test-node-1000.xml')}?socket=${libvirtSocket()}`;

/** virsh, for changes made behind the BFF's back. */
export function virsh(...args: string[]): string {
  return execFileSync('virsh', ['-q', '-c', qemuUri(), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** virsh for cleanup: what is already gone is fine, and virsh's complaint about it is not shown. */
export function virshQuietly(...args: string[]): void {
  try {
    execFileSync('virsh', ['-q', '-c', qemuUri(), ...args], { stdio: 'ignore' });
  } catch {
    // already gone
  }
}

export const uniqueName = (prefix: string): string => `vdtest-${prefix}-${process.pid}-${Date.now().toString(36)}`;
