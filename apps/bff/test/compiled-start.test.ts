// The production BFF: `pnpm build` writes dist/main.js and `start` runs it with plain node. The
// build is run here, then the output starts, signs a user in, and reaches the real daemon through
// the bundled libvirt client: nothing of tsx or esbuild in the process, no compiler child process.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qemuUri } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, ORIGIN, signInAt } from './harness.js';

const appDir = path.resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('the compiled BFF', () => {
  let child: ChildProcess;
  let url: string;
  let dataDir: string;

  beforeAll(async () => {
    execFileSync(process.execPath, ['build.mjs'], { cwd: appDir, stdio: 'pipe' });
    dataDir = mkdtempSync(path.join(tmpdir(), 'vdtest-compiled-'));
    // The start script exactly as package.json has it, without pnpm in between.
    const [command, ...args] = manifest.scripts.start!.split(' ');
    expect(command).toBe('node');
    child = spawn(process.execPath, args, {
      cwd: appDir,
      env: {
        PATH: process.env.PATH,
        VIRTDECK_BFF_PORT: '0',
        VIRTDECK_DATA_DIR: dataDir,
        VIRTDECK_LIBVIRT_URI: qemuUri(),
        VIRTDECK_ADMIN_PASSWORD: ADMIN_PASSWORD,
        VIRTDECK_WEB_ORIGIN: ORIGIN,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    url = await new Promise<string>((resolve, reject) => {
      const onData = (d: Buffer) => {
        output += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(output);
        if (m) resolve(m[1]!);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`the compiled BFF exited with ${code}:\n${output}`)));
    });
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is a script for plain node: start names dist/main.js, dev keeps tsx watch', () => {
    // Node's own flags may come first (main.ts says why it has them), nothing that compiles.
    expect(manifest.scripts.start).toMatch(/^node (--[a-z0-9-]+(=\S+)? )*dist\/main\.js$/);
    expect(manifest.scripts.dev).toMatch(/^tsx watch /);
  });

  it('answers, signs in and lists the real daemon as its first host', async () => {
    const anonymous = (await (await fetch(`${url}/trpc/auth.me`)).json()) as { result: { data: unknown } };
    expect(anonymous.result.data).toBeNull();

    const s = await signInAt(url, 'admin', ADMIN_PASSWORD);
    const res = await fetch(`${url}/trpc/host.list`, { headers: { cookie: s.cookie } });
    expect(res.status).toBe(200);
    const hosts = ((await res.json()) as { result: { data: { id: string; uri: string }[] } }).result.data;
    const host = hosts.find((h) => h.uri === qemuUri());
    expect(host).toBeDefined();
    // A call that goes through the bundled libvirt client to the daemon and back.
    const input = encodeURIComponent(JSON.stringify({ hostId: host!.id }));
    const domains = await fetch(`${url}/trpc/domain.list?input=${input}`, { headers: { cookie: s.cookie } });
    expect(domains.status).toBe(200);
    expect(Array.isArray(((await domains.json()) as { result: { data: unknown } }).result.data)).toBe(true);
  });

  it('loads the ssh and tls transports it bundles on demand: a host that cannot be reached fails, the BFF stays up', async () => {
    // ssh2 is CommonJS that reads __dirname, which the ES module bundle has to provide; without
    // it the first ssh host took the whole process down.
    const s = await signInAt(url, 'admin', ADMIN_PASSWORD);
    const headers = { cookie: s.cookie, 'x-csrf-token': s.csrfToken!, 'content-type': 'application/json' };
    const uris = ['qemu+ssh://root@127.0.0.1:1/system', 'qemu+tls://127.0.0.1:1/system'];
    for (const [i, uri] of uris.entries()) {
      const res = await fetch(`${url}/trpc/host.add`, { method: 'POST', headers, body: JSON.stringify({ name: `vdtest-compiled-${i}`, uri }) });
      expect(res.status).toBe(200);
    }
    type Host = { uri: string; state: { status: string; error: string | null } | null };
    const failed = async () => {
      const hosts = ((await (await fetch(`${url}/trpc/host.list`, { headers })).json()) as { result: { data: Host[] } }).result.data;
      return hosts.filter((h) => uris.includes(h.uri) && h.state?.status === 'failed');
    };
    await expect.poll(async () => (await failed()).length, { timeout: 30_000 }).toBe(2);
    for (const h of await failed()) expect(h.state!.error).toMatch(/^(ssh|tls): /);
    expect(child.exitCode).toBeNull();
  });

  it('runs without tsx or esbuild: neither is mapped into the process, and it has no child process', () => {
    const maps = readFileSync(`/proc/${child.pid}/maps`, 'utf8');
    expect(maps).not.toMatch(/esbuild|tsx/);
    const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim();
    expect(children).toBe('');
    const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
    expect(cmdline).toContain('dist/main.js');
    expect(cmdline.join(' ')).not.toMatch(/tsx|--import|--loader/);
  });
});
