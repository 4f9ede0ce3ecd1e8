// The generator's command line in a clone without libvirt's protocol files: a clear message and
// exit 3 ("skipped"), never a crash; and a protocol folder with a file missing: exit 2, naming it.
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(packageDir, 'node_modules/.bin/tsx');

function generate(args: string[], protocolDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(tsx, ['scripts/generate.ts', ...args], { cwd: packageDir, env: { ...process.env, LIBVIRT_PROTOCOL_DIR: protocolDir } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

describe('scripts/generate.ts without the protocol files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vdtest-xgen-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--check exits 3 (skipped) and says where the files come from', async () => {
    const missing = path.join(dir, 'no-such-folder');
    const r = await generate(['--check'], missing);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`skipped: libvirt's protocol files are not in ${missing} (LIBVIRT_PROTOCOL_DIR)`);
    expect(r.stderr).toContain('src/remote/*.x, src/rpc/*.x');
    expect(r.stderr).toContain('../shared/libvirt-protocol');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it('generating exits 3 too, and writes nothing', async () => {
    const r = await generate([], path.join(dir, 'no-such-folder'));
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
  });

  it('a protocol folder with a file missing exits 2, naming the file', async () => {
    const partial = path.join(dir, 'partial');
    await mkdir(path.join(partial, 'src/remote'), { recursive: true });
    await writeFile(path.join(partial, 'src/remote/remote_protocol.x'), 'const X = 1;\n');
    const r = await generate(['--check'], partial);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot generate from .*partial: .*no such file or directory/i);
  });
});
