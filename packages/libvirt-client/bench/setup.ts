// Preflight of the benchmark: the daemon runs, gcc and libvirt-dev are there, and the C
// reference (reference/libvirt-ref.c) is compiled into the state folder, never into the repo.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');
export const stateDir = path.resolve(process.env.VIRTDECK_STATE ?? path.join(repoRoot, '.state'));

export class BenchSetupError extends Error {
  override name = 'BenchSetupError';
}

export interface BenchTargets {
  socket: string;
  /** For the call-latency and throughput figures: the QEMU driver through the unix socket. */
  qemuUri: string;
  /** For the listing figure: a private copy of the 1,000-guest test-driver node file. */
  testNodeUri: string;
}

/** Starts the sandbox daemon if it does not run (idempotent) and returns the URIs to use. */
export function ensureDaemon(): BenchTargets {
  const r = spawnSync('bash', [path.join(repoRoot, 'scripts/libvirt-sandbox.sh'), 'start'], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new BenchSetupError(`could not start or find libvirtd (scripts/libvirt-sandbox.sh start exited ${r.status}):\n${r.stderr}`);
  }
  const env = execFileSync('bash', [path.join(repoRoot, 'scripts/libvirt-sandbox.sh'), 'env'], { cwd: repoRoot, encoding: 'utf8' });
  const vars = new Map<string, string>();
  for (const line of env.split('\n')) {
    const m = /^([A-Z_]+)=(?:'(.*)'|(.*))$/.exec(line);
    if (m) vars.set(m[1]!, m[2] ?? m[3] ?? '');
  }
  const socket = vars.get('LIBVIRT_SOCKET');
  if (!socket || !existsSync(socket)) throw new BenchSetupError(`no libvirtd socket (LIBVIRT_SOCKET=${socket ?? ''})`);
  const nodeFile = path.join(stateDir, 'test-node-1000.xml');
  if (!existsSync(nodeFile)) throw new BenchSetupError(`no test-driver node file at ${nodeFile}: run scripts/libvirt-sandbox.sh start`);
  return {
    socket,
    qemuUri: `qemu+unix:///system?socket=${socket}`,
    testNodeUri: `test+unix://${nodeFile}?socket=${socket}`,
  };
}

function have(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

/** Compiles the C reference against the installed libvirt.so (every run); returns the binary's path. */
export function buildReference(): string {
  if (!have('gcc', ['--version'])) {
    throw new BenchSetupError('gcc not found: the C reference needs it (Debian: apt-get install gcc)');
  }
  if (!have('pkg-config', ['--exists', 'libvirt'])) {
    throw new BenchSetupError('libvirt development files not found (pkg-config libvirt): Debian: apt-get install libvirt-dev pkg-config');
  }
  const flags = execFileSync('pkg-config', ['--cflags', '--libs', 'libvirt'], { encoding: 'utf8' }).trim().split(/\s+/).filter(Boolean);
  const src = path.join(here, 'reference/libvirt-ref.c');
  const outDir = path.join(stateDir, 'bench');
  mkdirSync(outDir, { recursive: true });
  const bin = path.join(outDir, 'libvirt-ref');
  const r = spawnSync('gcc', ['-O2', '-Wall', '-pthread', '-o', bin, src, ...flags], { encoding: 'utf8' });
  if (r.status !== 0) throw new BenchSetupError(`compiling ${src} failed:\n${r.stderr}`);
  return bin;
}

export function libvirtVersion(): string {
  return execFileSync('pkg-config', ['--modversion', 'libvirt'], { encoding: 'utf8' }).trim();
}
