// One way in: a parsed libvirt URI picks its transport.
import type { Duplex } from 'node:stream';
import type { SshForwarder } from './ssh-forward.js';
import { UriError, defaultUnixSocket, DEFAULT_PORTS, parseLibvirtUri } from './uri.js';
import type { LibvirtUri } from './uri.js';
import type { Transport } from './transport.js';
import { createUnixTransport } from './unix.js';
import { createTcpTransport } from './tcp.js';
import type { SshTransportOptions, TlsTransportOptions } from './transport.js';

export type { Transport, TlsTransportOptions, SshTransportOptions } from './transport.js';
export { parseLibvirtUri, defaultUnixSocket, UriError, DEFAULT_PORTS } from './uri.js';
export type { LibvirtUri, RemoteParams, TransportKind } from './uri.js';
export { createUnixTransport } from './unix.js';
export { createTcpTransport } from './tcp.js';

/**
 * tls.ts and ssh.ts (with the ssh2 dependency) are loaded on first use only, so unix and tcp
 * connections never pay for them or break because of them.
 */
function lazyTransport(description: string, load: () => Promise<Transport>): Transport {
  return {
    description,
    connect: async (signal) => (await load()).connect(signal),
  };
}

function tlsTransport(o: TlsTransportOptions): Transport {
  return lazyTransport(`tls:${o.host}:${o.port}`, async () => (await import('./tls.js')).createTlsTransport(o));
}

function sshTransport(o: SshTransportOptions): Transport {
  return lazyTransport(`ssh:${o.username ? `${o.username}@` : ''}${o.host}:${o.port}`, async () => (await import('./ssh.js')).createSshTransport(o));
}

/** The ssh options a qemu+ssh:// URI means, as libvirt reads its query parameters. */
function sshOptionsForUri(u: LibvirtUri, port: number, opts: TransportOptions): SshTransportOptions & { connectTimeoutMs?: number } {
  const proxy = u.remote.proxy ?? 'auto';
  if (proxy !== 'auto' && proxy !== 'native' && proxy !== 'netcat') throw new UriError(`unknown proxy=${proxy} in ${u.uri}`);
  return {
    host: u.host!,
    port,
    verify: !u.remote.noVerify,
    proxy,
    helperUri: u.openName,
    ...(u.user !== null && { username: u.user }),
    ...(u.remote.keyfile !== undefined && { keyFile: u.remote.keyfile }),
    ...(u.remote.knownHosts !== undefined && { knownHostsFile: u.remote.knownHosts }),
    ...(u.remote.netcat !== undefined && { netcat: u.remote.netcat }),
    ...(u.remote.socket !== undefined && { remoteSocket: u.remote.socket }),
    ...(opts.password !== undefined && { password: opts.password }),
    ...(opts.connectTimeoutMs !== undefined && { connectTimeoutMs: opts.connectTimeoutMs }),
  };
}

/** TCP connections made from the far end of a qemu+ssh:// URI's ssh host (see ssh-forward.ts). */
export interface SshTunnels {
  /** A connection to `target` as the ssh host sees it (a console on its loopback). */
  open(target: { host: string; port: number }): Promise<Duplex>;
  /** Ends the shared ssh connection and its channels. */
  close(): void;
}

function sshTunnelOptions(uri: string, opts: TransportOptions) {
  const u = parseLibvirtUri(uri);
  if (u.transport !== 'ssh') throw new UriError(`${uri} does not use ssh: nothing to tunnel through`);
  return sshOptionsForUri(u, u.port ?? DEFAULT_PORTS.ssh ?? 22, opts);
}

/**
 * Tunnels through the ssh host of a qemu+ssh:// URI, with the URI's own credentials and host-key
 * checks, all on one ssh connection that closes itself after `idleMs` without a channel.
 */
export function createSshTunnels(uri: string, opts: TransportOptions & { idleMs?: number } = {}): SshTunnels {
  const o = sshTunnelOptions(uri, opts);
  let forwarder: Promise<SshForwarder> | null = null;
  const get = () => (forwarder ??= import('./ssh-forward.js').then((m) => new m.SshForwarder(o, opts.idleMs)));
  return {
    open: async (target) => (await get()).open(target),
    close: () => void forwarder?.then((f) => f.close()),
  };
}

/** One tunnel on an ssh connection of its own, which ends with it. */
export async function openSshTunnel(uri: string, target: { host: string; port: number }, opts: TransportOptions = {}): Promise<Duplex> {
  const o = sshTunnelOptions(uri, opts);
  const { openSshForward } = await import('./ssh-forward.js');
  return openSshForward(o, target);
}

export interface TransportOptions {
  /** Use the read-only socket when the URI names none (unix only). */
  readonly?: boolean;
  connectTimeoutMs?: number;
  /** ssh password, if key authentication is not available. */
  password?: string;
}

export function transportForUri(u: LibvirtUri, opts: TransportOptions = {}): Transport {
  const port = u.port ?? DEFAULT_PORTS[u.transport] ?? 0;
  switch (u.transport) {
    case 'unix': {
      const o = { path: defaultUnixSocket(u, opts.readonly) };
      return createUnixTransport(opts.connectTimeoutMs === undefined ? o : { ...o, connectTimeoutMs: opts.connectTimeoutMs });
    }
    case 'tcp': {
      const o = { host: u.host!, port };
      return createTcpTransport(opts.connectTimeoutMs === undefined ? o : { ...o, connectTimeoutMs: opts.connectTimeoutMs });
    }
    case 'tls':
      return tlsTransport({
        host: u.host!,
        port,
        verify: !u.remote.noVerify,
        ...(u.remote.pkipath !== undefined && { pkiPath: u.remote.pkipath }),
      });
    case 'ssh':
      return sshTransport(sshOptionsForUri(u, port, opts));
    case 'ext':
      throw new UriError(`the ext transport (an arbitrary local command) is not supported: ${u.uri}`);
  }
}
