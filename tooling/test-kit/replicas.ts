// Several BFF replicas on one PostgreSQL behind Debian's nginx as a round-robin proxy, for the
// browser tests and the benchmark: each BFF is a child process of its own (so a test can kill one
// mid-session), nginx passes a request that finds its BFF gone on to the other one.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './daemon.js';
import { freePort } from './postgres.js';

export interface BffReplica {
  url: string;
  port: number;
  /** The replica's web front (the web's export and the same API, one origin), when given a webDir. */
  webUrl: string | null;
  webPort: number | null;
  pid: number;
  rssKiB(): number;
  /** SIGKILL: the replica dies without releasing anything, as a crash would. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface BffReplicaOptions {
  /** PostgreSQL shared by the replicas; none: a BFF of its own on SQLite (a reference). */
  databaseUrl?: string;
  libvirtUri: string;
  adminPassword: string;
  webOrigin: string;
  port?: number;
  /** The web's static export: the replica serves it too, on a web port of its own (apps/bff/src/web/). */
  webDir?: string;
  env?: Record<string, string>;
}

/** Waits for a child's stdout to say `marker`; rejects if it exits first. */
function ready(child: ChildProcess, marker: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}: ${out.slice(-2000)}`)));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(marker)) resolve();
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  });
}

export async function startBffReplica(opts: BffReplicaOptions): Promise<BffReplica> {
  const port = opts.port ?? (await freePort());
  const webPort = opts.webDir ? await freePort() : null;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vd-replica-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(repoRoot, 'apps/bff'),
    env: {
      ...process.env,
      VIRTDECK_BFF_PORT: String(port),
      VIRTDECK_DATA_DIR: dataDir,
      ...(opts.databaseUrl && { VIRTDECK_DATABASE_URL: opts.databaseUrl }),
      VIRTDECK_LIBVIRT_URI: opts.libvirtUri,
      VIRTDECK_ADMIN_PASSWORD: opts.adminPassword,
      VIRTDECK_WEB_ORIGIN: opts.webOrigin,
      VIRTDECK_TRUSTED_PROXIES: '127.0.0.1,::1',
      ...(opts.webDir && { VIRTDECK_WEB_DIR: opts.webDir, VIRTDECK_WEB_PORT: String(webPort) }),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The web front starts after the API port: wait for the one said last.
  await ready(child, opts.webDir ? '[web] http' : 'listening on', `BFF replica on ${port}`);
  const exited = new Promise((r) => child.once('exit', r));
  let gone = false;
  const end = async (signal: NodeJS.Signals) => {
    if (!gone) child.kill(signal);
    gone = true;
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    webUrl: webPort === null ? null : `http://127.0.0.1:${webPort}`,
    webPort,
    pid: child.pid!,
    rssKiB: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0),
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}

export interface RoundRobinProxy {
  url: string;
  /** Which upstream answered each request so far (nginx's access log: `$upstream_addr`). */
  upstreamsSeen(): string[];
  stop(): Promise<void>;
}

/**
 * Debian's nginx in front of `upstreams` (host:port), round robin, websockets included. A request
 * whose BFF refuses the connection goes to the next one, and that BFF is left out for 10 s.
 */
export async function startRoundRobinProxy(upstreams: string[], port?: number): Promise<RoundRobinProxy> {
  const listen = port ?? (await freePort());
  const dir = mkdtempSync(path.join(tmpdir(), 'vd-nginx-'));
  const log = path.join(dir, 'access.log');
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  log_format upstream '$upstream_addr $status $request_uri';
  access_log ${log} upstream;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream bff {
${upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=10s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${listen};
    client_max_body_size 0;
    location / {
      proxy_pass http://bff;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 1h;
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
    }
  }
}
`,
  );
  const child = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise((r) => child.once('exit', r));
  // nginx says nothing when it is up: wait until its port answers.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${listen}/`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${listen}`,
    upstreamsSeen: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' ')[0]!),
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
