// The real libvirtd the tests run against (started by scripts/libvirt-sandbox.sh, or the user's own),
// and virsh for changes made behind the dashboard's back.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const state = process.env.VIRTDECK_STATE ?? path.join(repoRoot, '.state');

export function libvirtSocket(): string {
  for (const c of [process.env.LIBVIRT_SOCKET, path.join(state, 'libvirt/run/libvirt-sock'), '/run/libvirt/libvirt-sock']) {
    if (c && existsSync(c)) return c;
  }
  throw new Error('no libvirtd socket: run `bash scripts/libvirt-sandbox.sh start` first');
}

export function libvirtQemuUri(): string {
  return `qemu+unix:///system?socket=${libvirtSocket()}`;
}

export function virsh(...args: string[]): string {
  return execFileSync('virsh', ['-q', '-c', libvirtQemuUri(), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function uniqueName(prefix: string): string {
  return `vde2e-${prefix}-${process.pid}-${Date.now().toString(36)}`;
}

/** The first admin's password in the browser tests (the BFF starts on an empty database). */
export const ADMIN_PASSWORD = 'e2e-admin-password';
