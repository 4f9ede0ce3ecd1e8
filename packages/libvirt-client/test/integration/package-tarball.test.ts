// The package as someone outside the monorepo gets it: `pnpm pack` (prepack builds dist/ with
// tsc; publishConfig points exports at dist), `npm install` of the tarball into a plain Node
// project in a temporary directory, then examples/quickstart.mjs run against the daemon and
// examples/typed.ts type-checked against the packed .d.ts.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daemon } from './daemon.js';
import { makeTestNode, type TestNode } from './test-node.js';

const run = promisify(execFile);
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsc = path.join(packageDir, 'node_modules/typescript/bin/tsc');
// Packing builds with tsc, and npm may fetch ssh2 from the registry: minutes on a busy machine.
const SLOW = 600_000;

let dir: string;
let project: string;
let node: TestNode;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vdtest-tarball-'));
  project = path.join(dir, 'project');
  node = await makeTestNode('tarball');
  await run('pnpm', ['pack', '--pack-destination', dir], { cwd: packageDir, maxBuffer: 16 * 1024 * 1024 });
  const tarball = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack left no tarball in ${dir}`);
  await run('mkdir', [project]);
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'vdtest-consumer', private: true, type: 'module' }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(dir, tarball)], { cwd: project, maxBuffer: 16 * 1024 * 1024 });
  await copyFile(path.join(packageDir, 'examples/quickstart.mjs'), path.join(project, 'quickstart.mjs'));
  await copyFile(path.join(packageDir, 'examples/typed.ts'), path.join(project, 'typed.ts'));
}, SLOW);

afterAll(async () => {
  await node?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the packed package in a plain Node project', () => {
  it('runs the quickstart example against the daemon: a listing, a generated call, a screenshot stream', async () => {
    const { stdout } = await run('node', ['quickstart.mjs'], { cwd: project, env: { ...process.env, LIBVIRT_URI: daemon.testUnixUri(node.file) } });
    const out = JSON.parse(stdout) as { type: string; version: string; domains: { name: string; state: string }[]; screenshotBytes: number | null };
    expect(out.type).toBe('TEST');
    expect(out.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(out.domains).toEqual([{ name: node.domain, state: 'running' }]);
    expect(out.screenshotBytes).toBeGreaterThan(0);
  });

  it('type-checks a TypeScript consumer against the packed .d.ts', async () => {
    const args = ['--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', 'typed.ts'];
    await expect(run('node', [tsc, ...args], { cwd: project })).resolves.toBeDefined();
  });
});
