// The real libvirtd every test runs against: started by scripts/libvirt-sandbox.sh (or the
// user's own); tests never start or stop one, since one runs per machine. And virsh, for changes
// made behind the product's back.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The sandbox's state folder (VIRTDECK_STATE), where its sockets, pools and node files live. */
export const stateDir = process.env.VIRTDECK_STATE ?? path.join(repoRoot, '.state');
/** The daemon's TCP listener (no auth, loopback only), as host:port. */
export const libvirtTcp = process.env.LIBVIRT_TCP ?? '127.0.0.1:16509';

export function libvirtSocket(): string {
  for (const c of [process.env.LIBVIRT_SOCKET, path.join(stateDir, 'libvirt/run/libvirt-sock'), '/run/libvirt/libvirt-sock']) {
    if (c && existsSync(c)) return c;
  }
  throw new Error('no libvirtd socket: run `bash scripts/libvirt-sandbox.sh start` first');
}

export const qemuUri = (): string => `qemu+unix:///system?socket=${libvirtSocket()}`;
/** The test driver over the unix socket: `/default`, or a node file of ours. */
export const testUri = (nodeFile = '/default'): string => `test+unix://${nodeFile}?socket=${libvirtSocket()}`;
/** The sandbox's test-driver node file with 1,000 domains. */
export const testNodeUri = (): string => testUri(path.join(stateDir, 'test-node-1000.xml'));

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

/** A name no other test run uses, for what a test creates (and removes). */
export const uniqueName = (prefix: string, tag = 'vdtest'): string => `${tag}-${prefix}-${process.pid}-${Date.now().toString(36)}`;
