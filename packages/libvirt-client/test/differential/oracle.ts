// Runs oracle.py (libvirt's C library through Debian's python3-libvirt) as a subprocess.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Json, SurveyRequest } from './survey.js';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'oracle.py');
/** Debian's python3, which python3-libvirt installs into (a pyenv or venv python lacks it). */
const python = process.env.VIRTDECK_ORACLE_PYTHON ?? '/usr/bin/python3';

/** Null when the oracle can run, else why not (the tests skip with it). */
export function oracleMissing(): string | null {
  const r = spawnSync(python, ['-c', 'import libvirt'], { encoding: 'utf8' });
  if (r.error) return `${python} cannot run (${r.error.message})`;
  if (r.status !== 0) return `${python} has no libvirt module: apt-get install python3-libvirt`;
  return null;
}

export function askOracle(request: SurveyRequest | { uri: string; cpuTimes: true; names: string[] }): Promise<Json> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`oracle.py exited ${code}: ${Buffer.concat(err).toString()}`));
      resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as Json);
    });
    child.stdin.end(JSON.stringify(request));
  });
}
