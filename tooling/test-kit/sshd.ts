// A throwaway OpenSSH server for the ssh transport tests: 127.0.0.1 on a free port, a temp
// config, host key and authorized_keys, all made at test time with ssh-keygen and removed by
// stop(). Runs as root (the tests' user) in the foreground (-D), so stop() can wait for its exit.
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SSHD = '/usr/sbin/sshd';
/** Debian's sshd refuses to start without its privilege separation directory. */
const PRIVSEP_DIR = '/run/sshd';

export interface TestSshd {
  host: string;
  port: number;
  dir: string;
  /** A key in authorized_keys. */
  clientKey: string;
  /** The host key's public line: "ssh-ed25519 AAAA...". */
  hostKeyLine: string;
  /** `ssh-keygen -l` of the host key: "SHA256:...". */
  hostKeyFingerprint: string;
  /** Writes a known_hosts file in the temp dir and returns its path. */
  writeKnownHosts(name: string, lines: string[]): Promise<string>;
  /** Makes a key pair in the temp dir that is not authorized; returns the private key path. */
  makeKey(name: string): Promise<string>;
  /** Waits until sshd has no session processes left (each login forks one); false on timeout. */
  sessionsGone(timeoutMs?: number): Promise<boolean>;
  /** How many logins are open now (sshd's session processes). */
  sessionCount(): Promise<number>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once the server sends its SSH banner. */
async function waitForBanner(port: number, proc: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`sshd exited with ${proc.exitCode}: ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.setTimeout(1000);
      s.once('data', (d) => {
        s.destroy();
        resolve(d.toString('latin1').startsWith('SSH-2.0'));
      });
      s.once('error', () => resolve(false));
      s.once('timeout', () => {
        s.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`sshd did not answer on 127.0.0.1:${port}: ${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Pids whose parent is `pid` (Linux /proc). */
async function childrenOf(pid: number): Promise<number[]> {
  const out: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid ...: comm may hold spaces, so split after its closing parenthesis
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) out.push(Number(name));
  }
  return out;
}

async function waitNoChildren(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while ((await childrenOf(pid)).length) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

async function keygen(file: string): Promise<void> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'vdtest', '-f', file]);
}

export async function startSshd(): Promise<TestSshd> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vdtest-sshd-'));
  let madePrivsep = false;
  let proc: ChildProcess | undefined;
  let output = '';
  const cleanup = async (): Promise<void> => {
    if (proc?.pid && proc.exitCode === null && proc.signalCode === null) {
      // Let sessions still closing finish first, so that none outlives the server.
      await waitNoChildren(proc.pid, 5000);
      const exited = new Promise((r) => proc!.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
    if (madePrivsep) await rmdir(PRIVSEP_DIR).catch(() => undefined);
  };
  try {
    const hostKey = path.join(dir, 'ssh_host_ed25519_key');
    const clientKey = path.join(dir, 'client_ed25519');
    await keygen(hostKey);
    await keygen(clientKey);
    await writeFile(path.join(dir, 'authorized_keys'), await readFile(`${clientKey}.pub`));
    if (!existsSync(PRIVSEP_DIR)) {
      await mkdir(PRIVSEP_DIR, { mode: 0o755 });
      madePrivsep = true;
    }
    const port = await freePort();
    const config = path.join(dir, 'sshd_config');
    await writeFile(
      config,
      [
        `ListenAddress 127.0.0.1:${port}`,
        `HostKey ${hostKey}`,
        `PidFile ${path.join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
        'PermitRootLogin prohibit-password',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        'StrictModes no',
        'PrintMotd no',
        'LogLevel VERBOSE',
        '',
      ].join('\n'),
    );
    await run(SSHD, ['-t', '-f', config]);
    proc = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    proc.stderr!.on('data', (d: Buffer) => {
      output = (output + d.toString()).slice(-8192);
    });
    await waitForBanner(port, proc, () => output);

    const hostKeyLine = (await readFile(`${hostKey}.pub`, 'utf8')).trim().split(/\s+/).slice(0, 2).join(' ');
    const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`]);
    const hostKeyFingerprint = stdout.split(/\s+/)[1]!;
    return {
      host: '127.0.0.1',
      port,
      dir,
      clientKey,
      hostKeyLine,
      hostKeyFingerprint,
      async writeKnownHosts(name, lines) {
        const file = path.join(dir, name);
        await writeFile(file, lines.map((l) => `${l}\n`).join(''));
        return file;
      },
      async makeKey(name) {
        const file = path.join(dir, name);
        await keygen(file);
        return file;
      },
      sessionsGone: (timeoutMs = 5000) => waitNoChildren(proc!.pid!, timeoutMs),
      sessionCount: async () => (await childrenOf(proc!.pid!)).length,
      stop: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
