// Connection setup: URI -> transport -> RPC engine -> AUTH_LIST, CONNECT_OPEN, keepalive.
// The facade (src/facade) sits on top; this file stays small.
import { LibvirtClientError } from './errors.js';
import { RpcConnection } from './rpc/connection.js';
import { remoteProcedures as procs, REMOTE_AUTH_NONE, RemoteAuthType, VirConnectFlags, VirDrvFeature } from './gen/index.js';
import type { KeepaliveOptions } from './rpc/keepalive.js';
import { parseLibvirtUri, transportForUri } from './transport/index.js';

export interface OpenOptions {
  /** Our keepalive (default: interval 5 s, count 5, like libvirt); false to send no PINGs. */
  keepalive?: KeepaliveOptions | false;
  /** Opens read-only (VirConnectFlags.RO) and, for unix URIs without socket=, the -ro socket. */
  readonly?: boolean;
  /** Aborts connecting and the handshake. */
  signal?: AbortSignal;
  connectTimeoutMs?: number;
  /** Timeout of each handshake call (default 30 000 ms). */
  handshakeTimeoutMs?: number;
  /** Timeout of every later call without its own (default: none). */
  callTimeoutMs?: number;
  /** ssh password, when key authentication is not available. */
  password?: string;
}

export const DEFAULT_KEEPALIVE: KeepaliveOptions = { interval: 5, count: 5 };

/**
 * Opens a libvirt connection, e.g. `qemu:///system`, `qemu+tcp://host/system`,
 * `test+unix:///default?socket=/path`. Rejects with TransportError, LibvirtError (the daemon
 * refused CONNECT_OPEN) or LibvirtClientError (an authentication scheme we do not speak).
 */
export async function openConnection(uri: string, opts: OpenOptions = {}): Promise<RpcConnection> {
  const parsed = parseLibvirtUri(uri);
  const transport = transportForUri(parsed, {
    ...(opts.readonly !== undefined && { readonly: opts.readonly }),
    ...(opts.connectTimeoutMs !== undefined && { connectTimeoutMs: opts.connectTimeoutMs }),
    ...(opts.password !== undefined && { password: opts.password }),
  });
  const socket = await transport.connect(opts.signal);
  const conn = new RpcConnection(socket, {
    description: transport.description,
    ...(opts.callTimeoutMs !== undefined && { defaultTimeoutMs: opts.callTimeoutMs }),
    goodbye: (c) => c.call(procs.connectClose, undefined, { timeoutMs: 5_000 }),
  });
  const callOpts = { timeoutMs: opts.handshakeTimeoutMs ?? 30_000, ...(opts.signal && { signal: opts.signal }) };
  try {
    const { types } = await conn.call(procs.authList, undefined, callOpts);
    // An empty list means no authentication, as in libvirt's remoteAuthenticate.
    if (types.length > 0 && !types.includes(REMOTE_AUTH_NONE)) {
      // Named from the generated enum: "sasl", "polkit".
      const names = types.map((t) => Object.entries(RemoteAuthType).find(([, v]) => v === t)?.[0].replace('REMOTE_AUTH_', '').toLowerCase() ?? String(t));
      throw new LibvirtClientError(
        `${transport.description}: the daemon requires ${names.join(' or ')} authentication, which this client does not support yet (auth_unix_rw/auth_tcp "none" or a TLS/ssh URI work)`,
      );
    }
    await conn.call(procs.connectOpen, { name: parsed.openName, flags: opts.readonly ? VirConnectFlags.RO : 0 }, callOpts);
    if (opts.keepalive !== false) {
      const { supported } = await conn.call(procs.connectSupportsFeature, { feature: VirDrvFeature.PROGRAM_KEEPALIVE }, callOpts);
      if (supported === 1) conn.startKeepalive(opts.keepalive ?? DEFAULT_KEEPALIVE);
    }
  } catch (e) {
    conn.destroy();
    throw e;
  }
  return conn;
}
