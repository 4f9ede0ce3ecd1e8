// The ssh transport through a throwaway sshd on 127.0.0.1 to the sandbox libvirtd's unix socket.
// The daemon's socket is not libvirt's default, so netcat mode gets `socket=`; virt-ssh-helper
// (native mode) ignores `socket=` and, as root, always uses /var/run/libvirt/libvirt-sock.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection } from '../../src/client.js';
import { TransportError } from '../../src/errors.js';
import { formatVersion } from '../../src/facade/version.js';
import { remoteProcedures } from '../../src/gen/index.js';
import { createSshTunnels, openSshTunnel } from '../../src/transport/index.js';
import { createSshTransport } from '../../src/transport/ssh.js';
import { DEFAULT_REMOTE_SOCKET } from '../../src/transport/ssh-command.js';
import type { SshTransportOptions } from '../../src/transport/transport.js';
import { daemon } from './daemon.js';
import { libvirtVersion } from './libvirt-version.js';
import { startSilentServer } from './silent-server.js';
import { REMOTE_PROC_AUTH_LIST, REMOTE_PROGRAM, closeStream, probeAuthList } from './rpc-probe.js';
import { startSshd, type TestSshd } from '@virtdeck/test-kit/sshd';

const run = promisify(execFile);
const canRunSshd = process.geteuid?.() === 0 && existsSync('/usr/sbin/sshd');

describe.skipIf(!canRunSshd)('ssh transport', () => {
  let sshd: TestSshd;
  let knownHosts: string;
  beforeAll(async () => {
    sshd = await startSshd();
    knownHosts = await sshd.writeKnownHosts('known_hosts', [`[${sshd.host}]:${sshd.port} ${sshd.hostKeyLine}`]);
  });
  afterAll(async () => {
    await sshd?.stop();
    expect(existsSync(sshd.dir)).toBe(false);
  });

  const opts = (o: Partial<SshTransportOptions>): SshTransportOptions => ({
    host: sshd.host,
    port: sshd.port,
    username: 'root',
    keyFile: sshd.clientKey,
    knownHostsFile: knownHosts,
    verify: true,
    proxy: 'netcat',
    remoteSocket: daemon.socket,
    helperUri: 'qemu:///system',
    ...o,
  });

  async function roundTrip(o: SshTransportOptions): Promise<void> {
    const stream = await createSshTransport(o).connect();
    try {
      const reply = await probeAuthList(stream);
      expect(reply).toMatchObject({ program: REMOTE_PROGRAM, version: 1, procedure: REMOTE_PROC_AUTH_LIST, type: 1, serial: 1, status: 0 });
      expect(reply.authTypes).toContain(0);
    } finally {
      await closeStream(stream);
    }
  }

  const failure = (o: SshTransportOptions): Promise<unknown> =>
    createSshTransport(o)
      .connect()
      .catch((e: unknown) => e);

  it('opens a connection from a qemu+ssh:// URI and calls CONNECT_GET_LIB_VERSION', async () => {
    const q = new URLSearchParams({ keyfile: sshd.clientKey, known_hosts: knownHosts, proxy: 'netcat', socket: daemon.socket });
    const conn = await openConnection(`qemu+ssh://root@${sshd.host}:${sshd.port}/system?${q.toString()}`);
    try {
      const { lib_ver } = await conn.call(remoteProcedures.connectGetLibVersion, undefined);
      expect(formatVersion(lib_ver)).toBe(await libvirtVersion());
    } finally {
      await conn.close();
    }
    expect(await sshd.sessionsGone()).toBe(true);
  });

  it('does an RPC round trip with proxy=netcat and socket=', async () => {
    await roundTrip(opts({}));
  });

  it('closes the ssh session when the stream is closed', async () => {
    await roundTrip(opts({}));
    expect(await sshd.sessionsGone()).toBe(true);
  });

  it('proxy=auto with socket= uses netcat', async () => {
    await roundTrip(opts({ proxy: 'auto' }));
  });

  it('accepts a hashed known_hosts entry (ssh-keygen -H)', async () => {
    const file = await sshd.writeKnownHosts('known_hosts_hashed', [
      `other.example ${sshd.hostKeyLine}`,
      `[${sshd.host}]:${sshd.port} ${sshd.hostKeyLine}`,
    ]);
    await run('ssh-keygen', ['-q', '-H', '-f', file]);
    await run('rm', ['-f', `${file}.old`]);
    await roundTrip(opts({ knownHostsFile: file }));
  });

  it('proxy=native runs virt-ssh-helper, which uses the default socket and reports on stderr', async () => {
    // virt-ssh-helper (libvirt 9.0) picks the socket from the URI's driver and ignores socket=.
    // Either way the helper ran: it reached a daemon on the default socket, or said it found none.
    if (existsSync(DEFAULT_REMOTE_SOCKET)) await roundTrip(opts({ proxy: 'native', remoteSocket: undefined }));
    else {
      const stream = await createSshTransport(opts({ proxy: 'native', remoteSocket: undefined })).connect();
      const err = await probeAuthList(stream).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransportError);
      expect((err as Error).message).toContain(`virt-ssh-helper: cannot connect to '${DEFAULT_REMOTE_SOCKET}'`);
    }
  });

  // Told apart by virt-ssh-helper's own complaint, which needs the default socket to be missing.
  it.skipIf(existsSync(DEFAULT_REMOTE_SOCKET))(`proxy=auto without socket= prefers virt-ssh-helper on the far end (skipped when ${DEFAULT_REMOTE_SOCKET} exists: netcat and the helper would both succeed)`, async () => {
    const stream = await createSshTransport(opts({ proxy: 'auto', remoteSocket: undefined })).connect();
    const err = await probeAuthList(stream).catch((e: unknown) => e);
    expect((err as Error).message).toContain('virt-ssh-helper:');
  });

  it('ends the stream with nc’s stderr when the socket does not exist', async () => {
    const stream = await createSshTransport(opts({ remoteSocket: '/nonexistent/libvirt-sock' })).connect();
    const err = await probeAuthList(stream).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/exited with status 1: nc: .*\/nonexistent\/libvirt-sock/);
  });

  it('refuses an unknown host key, naming the host and its fingerprint', async () => {
    const file = await sshd.writeKnownHosts('known_hosts_other', [`[${sshd.host}]:1 ${sshd.hostKeyLine}`]);
    const err = await failure(opts({ knownHostsFile: file }));
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toContain(`unknown host [${sshd.host}]:${sshd.port}`);
    expect((err as Error).message).toContain(sshd.hostKeyFingerprint);
  });

  it('refuses a host key that differs from the known one', async () => {
    const other = await sshd.makeKey('not_the_host_key');
    const { stdout } = await run('cat', [`${other}.pub`]);
    const file = await sshd.writeKnownHosts('known_hosts_changed', [`[${sshd.host}]:${sshd.port} ${stdout.trim()}`]);
    const err = await failure(opts({ knownHostsFile: file }));
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/HOST KEY MISMATCH/);
  });

  it('accepts any host key with verify=false (no_verify=1)', async () => {
    await roundTrip(opts({ knownHostsFile: path.join(sshd.dir, 'no-such-known-hosts'), verify: false }));
  });

  it('refuses a key the server does not authorize', async () => {
    const key = await sshd.makeKey('unauthorized');
    const err = await failure(opts({ keyFile: key }));
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/authentication failed \(tried key .*unauthorized\)/);
  });

  it('names a key file that cannot be read', async () => {
    const missing = path.join(sshd.dir, 'no-such-key');
    const err = await failure(opts({ keyFile: missing }));
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toContain(missing);
  });

  it('rejects with TransportError when aborted during the handshake', async () => {
    const ac = new AbortController();
    const p = createSshTransport(opts({})).connect(ac.signal);
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(TransportError);
    expect(await sshd.sessionsGone()).toBe(true);
  });

  it('gives up after connectTimeoutMs when the far end never answers', async () => {
    const silent = await startSilentServer();
    try {
      const err = await createSshTransport({ ...opts({ port: silent.port }), connectTimeoutMs: 300 })
        .connect()
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransportError);
      expect((err as Error).message).toMatch(/not connected within 300 ms/);
    } finally {
      await silent.close();
    }
  });

  describe('openSshTunnel: a TCP connection made by the ssh host (a console on its loopback)', () => {
    const uri = () =>
      `qemu+ssh://root@${sshd.host}:${sshd.port}/system?${new URLSearchParams({ keyfile: sshd.clientKey, known_hosts: knownHosts }).toString()}`;

    it('carries bytes both ways to a server on the far end’s loopback, and closes the ssh session with it', async () => {
      const echo = net.createServer((s) => s.pipe(s));
      await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
      try {
        const { port } = echo.address() as net.AddressInfo;
        const tunnel = await openSshTunnel(uri(), { host: '127.0.0.1', port });
        const back = new Promise<string>((resolve) => {
          let got = '';
          tunnel.on('data', (d: Buffer) => {
            got += d.toString();
            if (got.length >= 11) resolve(got);
          });
        });
        tunnel.write('RFB 003.008');
        expect(await back).toBe('RFB 003.008');
        tunnel.destroy();
        expect(await sshd.sessionsGone()).toBe(true);
      } finally {
        echo.close();
      }
    });

    it('a port nobody listens on is a TransportError naming the target', async () => {
      const closed = net.createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const { port } = closed.address() as net.AddressInfo;
      await new Promise((r) => closed.close(r));
      const err = await openSshTunnel(uri(), { host: '127.0.0.1', port }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransportError);
      expect((err as Error).message).toContain(`127.0.0.1:${port}`);
      expect(await sshd.sessionsGone()).toBe(true);
    });

    it('checks the host key like the transport does', async () => {
      const empty = await sshd.writeKnownHosts('known_hosts_empty', []);
      const q = new URLSearchParams({ keyfile: sshd.clientKey, known_hosts: empty });
      const err = await openSshTunnel(`qemu+ssh://root@${sshd.host}:${sshd.port}/system?${q.toString()}`, { host: '127.0.0.1', port: 1 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransportError);
      expect((err as Error).message).toMatch(/unknown host/);
    });

    it('createSshTunnels carries several tunnels on one ssh login, ended once idle', async () => {
      const echo = net.createServer((s) => s.pipe(s));
      await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
      try {
        const { port } = echo.address() as net.AddressInfo;
        const tunnels = createSshTunnels(uri(), { idleMs: 300 });
        const [a, b] = await Promise.all([tunnels.open({ host: '127.0.0.1', port }), tunnels.open({ host: '127.0.0.1', port })]);
        expect(await sshd.sessionCount()).toBe(1);
        const echoed = (t: typeof a, text: string) =>
          new Promise<string>((resolve) => {
            t.once('data', (d: Buffer) => resolve(d.toString()));
            t.write(text);
          });
        expect(await Promise.all([echoed(a, 'one'), echoed(b, 'two')])).toEqual(['one', 'two']);
        a.destroy();
        // Still open for the other tunnel, and reused by a new one.
        const c = await tunnels.open({ host: '127.0.0.1', port });
        expect(await sshd.sessionCount()).toBe(1);
        b.destroy();
        c.destroy();
        expect(await sshd.sessionsGone()).toBe(true);
      } finally {
        echo.close();
      }
    });

    it('refuses a URI that does not use ssh', async () => {
      await expect(openSshTunnel('qemu+tcp://127.0.0.1/system', { host: '127.0.0.1', port: 5900 })).rejects.toThrow(/does not use ssh/);
    });
  });
});
