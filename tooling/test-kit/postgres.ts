// A throwaway PostgreSQL cluster for tests and benchmarks: initdb into a temp folder, pg_ctl start on
// a free port (the socket in that folder too), as the `postgres` OS user when running as root
// (PostgreSQL refuses root). Databases are made with createdb. `halt` and `start` stop and restart
// the server on the same port with its data kept (a database outage); `stop` removes everything.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PgCluster {
  port: number;
  /** Creates an empty database and returns its connection string. */
  createDatabase(): Promise<string>;
  /** Stops the server, keeping its data; `start` brings it back on the same port. */
  halt(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

function pgBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const v = versions[0];
  if (v === undefined) {
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: apt-get install postgresql (scripts/bootstrap.sh --tests does)');
  }
  return join(root, v, 'bin');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<PgCluster> {
  const bin = pgBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'vd-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const argv = (cmd: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
  const pgRun = (cmd: string, args: string[]) => {
    const [file, a] = argv(cmd, args);
    return run(file, a, { cwd: dir });
  };

  let running = false;
  const stopSync = () => {
    if (!running) return;
    running = false;
    const [file, a] = argv('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    spawnSync(file, a, { cwd: dir, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopSync);

  try {
    await pgRun('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '-N']);
    const port = await freePort();
    const opts = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'].join(' ');
    const start = () => pgRun('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '30', '-o', opts, 'start']);
    running = true;
    await start();
    let n = 0;
    return {
      port,
      async createDatabase() {
        const name = `vd_test_${++n}`;
        await pgRun('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-T', 'template0', name]);
        return `postgres://postgres@127.0.0.1:${port}/${name}`;
      },
      async halt() {
        await pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      },
      async start() {
        await start();
      },
      async stop() {
        if (!running) return;
        running = false;
        process.removeListener('exit', stopSync);
        await pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    stopSync();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
