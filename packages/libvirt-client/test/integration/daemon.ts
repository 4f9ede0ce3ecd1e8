// Where the real libvirtd of the tests listens. scripts/libvirt-sandbox.sh starts it (or finds the
// user's own); the tests never start or stop a daemon themselves: one runs per machine.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const state = process.env.VIRTDECK_STATE ?? path.join(repoRoot, '.state');

function findSocket(): string {
  const candidates = [process.env.LIBVIRT_SOCKET, path.join(state, 'libvirt/run/libvirt-sock'), '/run/libvirt/libvirt-sock'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  throw new Error('no libvirtd socket found: run `bash scripts/libvirt-sandbox.sh start` first');
}

export const daemon = {
  repoRoot,
  state,
  get socket(): string {
    return findSocket();
  },
  tcp: process.env.LIBVIRT_TCP ?? '127.0.0.1:16509',
  qemuUnixUri(): string {
    return `qemu+unix:///system?socket=${findSocket()}`;
  },
  testUnixUri(nodeFile?: string): string {
    return `test+unix://${nodeFile ?? '/default'}?socket=${findSocket()}`;
  },
  qemuTcpUri(): string {
    return `qemu+tcp://${this.tcp}/system`;
  },
  testTcpUri(nodeFile?: string): string {
    return `test+tcp://${this.tcp}${nodeFile ?? '/default'}`;
  },
  /** A name no other test run uses, for what a test creates (and removes). */
  uniqueName(prefix: string): string {
    return `vdtest-${prefix}-${process.pid}-${Date.now().toString(36)}`;
  },
};
