// The BFF as the benchmark's subject: a child process of its own (so the load generator does
// not share its event loop), a fresh SQLite file, and the real libvirtd as its first host.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BENCH_ADMIN_PASSWORD = 'bench-admin-password';
const appDir = path.resolve(import.meta.dirname, '..');

export interface BffProcess {
  url: string;
  pid: number;
  rssKiB(): number;
  stop(): Promise<void>;
}

export async function startBff(libvirtUri: string, port: number): Promise<BffProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vdbench-'));
  // What production runs: the compiled BFF (build.mjs) with the start script's node flags.
  execFileSync(process.execPath, ['build.mjs'], { cwd: appDir, stdio: 'inherit' });
  // VIRTDECK_BENCH_BFF_PROFILE=dir: the BFF writes a V8 CPU profile there when it stops.
  const profile = process.env.VIRTDECK_BENCH_BFF_PROFILE;
  // VIRTDECK_BENCH_BFF_NODE_FLAGS="--flag …": node flags tried beside the start script's (said in
  // the output: the figures are then not those of `pnpm start`).
  const extra = (process.env.VIRTDECK_BENCH_BFF_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  if (extra.length > 0) console.log(`[bench] the BFF runs with extra node flags: ${extra.join(' ')}`);
  // After the start script's flags (a later V8 flag wins), before the script.
  const start = startArgs();
  const args = [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), ...start.slice(0, -1), ...extra, ...start.slice(-1)];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: appDir,
    env: {
      ...process.env,
      VIRTDECK_BFF_PORT: String(port),
      VIRTDECK_DATA_DIR: dataDir,
      VIRTDECK_LIBVIRT_URI: libvirtUri,
      VIRTDECK_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
      VIRTDECK_WEB_ORIGIN: 'http://bench.local',
      // The benches write their test-driver node files in temp folders of their own.
      VIRTDECK_TEST_NODE_DIR: tmpdir(),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`BFF exited with ${code}`)));
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('listening on')) resolve();
    });
  });
  return {
    url,
    pid: child.pid!,
    rssKiB: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0),
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The arguments `pnpm start` gives node ("node --flag dist/main.js"), so the bench runs the same. */
function startArgs(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = manifest.scripts.start.split(' ');
  if (command !== 'node') throw new Error(`the start script no longer runs node: ${manifest.scripts.start}`);
  return args;
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function signIn(url: string): Promise<Session> {
  const res = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: BENCH_ADMIN_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  const body = (await res.json()) as { result: { data: { csrfToken: string } } };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.result.data.csrfToken };
}

export async function trpc<T>(url: string, s: Session, path: string, input?: unknown, mutation = false): Promise<T> {
  const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' };
  const res = mutation
    ? await fetch(`${url}/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) })
    : await fetch(`${url}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, { headers });
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  if (!res.ok || !body.result) throw new Error(`${path}: ${res.status} ${body.error?.message ?? ''}`);
  return body.result.data;
}
