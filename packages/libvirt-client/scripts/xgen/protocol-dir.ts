// Where the generator finds libvirt's protocol files, and what it says when they are missing
// (scripts/generate.ts, and the unit tests that read them, skip with this reason).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const repoRoot = resolve(packageDir, '../..');

/** $LIBVIRT_PROTOCOL_DIR, else `<repo>/../shared/libvirt-protocol`. */
export function protocolDir(): string {
  return process.env['LIBVIRT_PROTOCOL_DIR'] ?? join(repoRoot, '..', 'shared', 'libvirt-protocol');
}

/** The file every run needs; its absence means "no protocol files here". */
export const REMOTE_PROTOCOL_X = 'src/remote/remote_protocol.x';

export function haveProtocolFiles(dir: string = protocolDir()): boolean {
  return existsSync(join(dir, REMOTE_PROTOCOL_X));
}

export function missingProtocolMessage(dir: string = protocolDir(), fromEnv: boolean = process.env['LIBVIRT_PROTOCOL_DIR'] !== undefined): string {
  return [
    `skipped: libvirt's protocol files are not in ${dir}${fromEnv ? ' (LIBVIRT_PROTOCOL_DIR)' : ''}.`,
    "They are libvirt's own src/remote/*.x, src/rpc/*.x, include/libvirt/*.h and src/libvirt_internal.h,",
    'laid out as in its source tree: a copy in ../shared/libvirt-protocol beside the repository, or a',
    'libvirt source tree (git clone https://gitlab.com/libvirt/libvirt) named by LIBVIRT_PROTOCOL_DIR.',
  ].join('\n');
}
