// libvirt connection URIs, read the way libvirt's remote driver reads them (doRemoteOpen):
//   driver[+transport]://[user@][host][:port]/path[?param=value&...]
// The transport defaults to unix without a host and to tls with one. The remote driver's own
// parameters are consumed; the name sent in CONNECT_OPEN is the URI without the transport,
// the user, host and port, and those parameters (`qemu+tcp://h:16509/system` -> `qemu:///system`).
import { LibvirtClientError } from '../errors.js';

export type TransportKind = 'unix' | 'tcp' | 'tls' | 'ssh' | 'ext';

export interface LibvirtUri {
  /** The URI as given. */
  readonly uri: string;
  /** The hypervisor driver: qemu, test, lxc, ... */
  readonly driver: string;
  readonly transport: TransportKind;
  readonly user: string | null;
  readonly host: string | null;
  readonly port: number | null;
  /** Path as given, e.g. /system, /default, /abs/path/node.xml. */
  readonly path: string;
  /** Every query parameter, decoded, in order. */
  readonly params: ReadonlyArray<readonly [string, string]>;
  /** The remote driver's parameters, decoded (last one wins). */
  readonly remote: RemoteParams;
  /** What CONNECT_OPEN sends: the `name=` parameter if given, else the stripped URI. */
  readonly openName: string;
}

export interface RemoteParams {
  socket?: string;
  keyfile?: string;
  pkipath?: string;
  noVerify?: boolean;
  knownHosts?: string;
  knownHostsVerify?: string;
  proxy?: string;
  netcat?: string;
  command?: string;
  mode?: string;
  auth?: string;
  sshauth?: string;
  noTty?: boolean;
  tlsPriority?: string;
  tls?: string;
  name?: string;
}

/** Parameters the remote driver consumes (remote_driver.c), never forwarded to the daemon. */
const REMOTE_PARAMS = new Set([
  'name', 'command', 'socket', 'auth', 'netcat', 'keyfile', 'sshauth', 'no_verify', 'no_tty', 'pkipath',
  'known_hosts', 'known_hosts_verify', 'tls_priority', 'tls', 'mode', 'proxy',
]);

const TRANSPORTS: Record<string, TransportKind> = {
  unix: 'unix', tcp: 'tcp', tls: 'tls', ssh: 'ssh', libssh: 'ssh', libssh2: 'ssh', ext: 'ext',
};

export const DEFAULT_PORTS: Record<TransportKind, number | null> = { unix: null, tcp: 16509, tls: 16514, ssh: 22, ext: null };

export class UriError extends LibvirtClientError {
  override name = 'UriError';
}

const URI_RE = /^([A-Za-z][A-Za-z0-9.+-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;

function decode(s: string, uri: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new UriError(`bad percent-encoding in ${JSON.stringify(uri)}`);
  }
}

function parseAuthority(auth: string, uri: string): { user: string | null; host: string | null; port: number | null } {
  let user: string | null = null;
  let rest = auth;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = decode(rest.slice(0, at), uri) || null;
    rest = rest.slice(at + 1);
  }
  let host: string;
  let portStr: string;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) throw new UriError(`unterminated IPv6 address in ${JSON.stringify(uri)}`);
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) throw new UriError(`bad host in ${JSON.stringify(uri)}`);
    portStr = after.slice(1);
  } else {
    const colon = rest.lastIndexOf(':');
    host = colon >= 0 ? rest.slice(0, colon) : rest;
    portStr = colon >= 0 ? rest.slice(colon + 1) : '';
  }
  let port: number | null = null;
  if (portStr !== '') {
    if (!/^\d+$/.test(portStr) || Number(portStr) > 65535) throw new UriError(`bad port ${JSON.stringify(portStr)} in ${JSON.stringify(uri)}`);
    port = Number(portStr) || null; // libvirt treats port 0 as "not given"
  }
  return { user, host: host === '' ? null : decode(host, uri), port };
}

/** Parses a libvirt URI. Throws UriError on what libvirt would refuse. */
export function parseLibvirtUri(uri: string): LibvirtUri {
  const m = URI_RE.exec(uri.trim());
  if (!m) throw new UriError(`not a libvirt URI: ${JSON.stringify(uri)}`);
  const [, scheme = '', authority, rawPath = '', query, fragment] = m;
  const plus = scheme.indexOf('+');
  const driver = (plus >= 0 ? scheme.slice(0, plus) : scheme).toLowerCase();
  const transportName = plus >= 0 ? scheme.slice(plus + 1).toLowerCase() : null;
  if (driver === '') throw new UriError(`no driver in ${JSON.stringify(uri)}`);

  const { user, host, port } = authority !== undefined ? parseAuthority(authority, uri) : { user: null, host: null, port: null };

  let transport: TransportKind;
  if (transportName === null) transport = host ? 'tls' : 'unix';
  else {
    const t = TRANSPORTS[transportName];
    if (!t) throw new UriError(`unknown transport ${JSON.stringify(transportName)} in ${JSON.stringify(uri)}`);
    transport = t;
  }
  if ((transport === 'tcp' || transport === 'tls' || transport === 'ssh') && !host) {
    throw new UriError(`transport ${transport} needs a host in ${JSON.stringify(uri)}`);
  }

  // libvirt splits the query on '&' and ';'; a parameter without '=' has an empty value.
  const params: [string, string][] = [];
  const kept: string[] = [];
  for (const part of (query ?? '').split(/[&;]/)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    // Percent-decoded as xmlURIUnescapeString does ('+' stays '+': socket paths may hold one).
    const k = decode(eq >= 0 ? part.slice(0, eq) : part, uri);
    const v = decode(eq >= 0 ? part.slice(eq + 1) : '', uri);
    params.push([k, v]);
    if (!REMOTE_PARAMS.has(k.toLowerCase())) kept.push(part);
  }

  const remote: RemoteParams = {};
  for (const [k, v] of params) {
    switch (k.toLowerCase()) {
      case 'socket': remote.socket = v; break;
      case 'keyfile': remote.keyfile = v; break;
      case 'pkipath': remote.pkipath = v; break;
      case 'no_verify': remote.noVerify = v !== '' && v !== '0'; break;
      case 'known_hosts': remote.knownHosts = v; break;
      case 'known_hosts_verify': remote.knownHostsVerify = v; break;
      case 'proxy': remote.proxy = v; break;
      case 'netcat': remote.netcat = v; break;
      case 'command': remote.command = v; break;
      case 'mode': remote.mode = v; break;
      case 'auth': remote.auth = v; break;
      case 'sshauth': remote.sshauth = v; break;
      case 'no_tty': remote.noTty = v !== '' && v !== '0'; break;
      case 'tls_priority': remote.tlsPriority = v; break;
      case 'tls': remote.tls = v; break;
      case 'name': remote.name = v; break;
    }
  }
  if (remote.socket !== undefined && transport !== 'unix' && transport !== 'ssh' && transport !== 'ext') {
    throw new UriError(`socket= only applies to unix and ssh transports: ${JSON.stringify(uri)}`);
  }

  const path = rawPath;
  let openName: string;
  if (remote.name !== undefined) openName = remote.name;
  else {
    // As virURIFormat with no server: scheme:///path, then the parameters libvirt keeps.
    openName = `${driver}://${path.startsWith('/') ? path : `/${path}`}`;
    if (kept.length > 0) openName += `?${kept.join('&')}`;
    if (fragment !== undefined) openName += `#${fragment}`;
  }

  return { uri, driver, transport, user, host, port, path, params, remote, openName };
}

/** The daemon's unix socket libvirt would use for this URI. */
export function defaultUnixSocket(u: LibvirtUri, readonly = false): string {
  if (u.remote.socket) return u.remote.socket;
  if (u.path === '/session') {
    const base = process.env.XDG_RUNTIME_DIR ?? `${process.env.HOME ?? ''}/.cache`;
    return `${base}/libvirt/libvirt-sock`;
  }
  return readonly ? '/run/libvirt/libvirt-sock-ro' : '/run/libvirt/libvirt-sock';
}
