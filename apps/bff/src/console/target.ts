// Where a console's bytes come from, read by the server from the live domain XML: a client can
// never name a host or a port. VNC and SPICE: the graphics' TCP endpoint on the libvirt host;
// serial: libvirt's own console stream.
import { parseLibvirtUri, type Libvirt } from '@virtdeck/libvirt-client';
import { parseDomainXml } from '@virtdeck/libvirt-xml';
import type { ConsoleKind } from '../db/schema.js';

export class ConsoleUnavailableError extends Error {
  override readonly name = 'ConsoleUnavailableError';
}

/**
 * Where the bytes come from. `ssh`: a connection the host's ssh server makes for us (the host was
 * added with a qemu+ssh:// URI), so a console on the host's loopback needs no open port.
 */
export type ConsoleTarget = { kind: 'tcp'; host: string; port: number } | { kind: 'ssh'; host: string; port: number } | { kind: 'serial' };

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const ANY = new Set(['0.0.0.0', '::', '']);

/** Whether the libvirt URI reaches a daemon on this machine (so its loopback is ours). */
export function isLocalUri(uri: string): boolean {
  const host = parseLibvirtUri(uri).host ?? '';
  return host === '' || LOOPBACK.has(host);
}

export async function consoleTarget(lv: Libvirt, hostUri: string, uuid: string, kind: ConsoleKind): Promise<ConsoleTarget> {
  const { state } = await lv.domains.getState(uuid);
  if (state !== 'running' && state !== 'paused') throw new ConsoleUnavailableError(`the domain is ${state}: start it to open its console`);
  const model = parseDomainXml(await lv.domains.getXml(uuid));
  if (kind === 'serial') {
    if (model.consoles.length === 0 && model.serials.length === 0) throw new ConsoleUnavailableError('the domain has no serial console');
    return { kind: 'serial' };
  }
  const g = model.graphics.find((x) => x.type === kind);
  if (!g) throw new ConsoleUnavailableError(`the domain has no ${kind.toUpperCase()} graphics`);
  if (g.port === null) throw new ConsoleUnavailableError(`the ${kind.toUpperCase()} server has no TCP port (a unix socket or none)`);
  const listen = g.listens.find((l) => l.type === 'address' || l.type === 'network');
  const address = listen && 'address' in listen && listen.address !== undefined ? listen.address : '127.0.0.1';
  const uri = parseLibvirtUri(hostUri);
  // Through the host's own ssh server whenever there is one: nothing crosses the network unencrypted.
  if (uri.transport === 'ssh') return { kind: 'ssh', host: ANY.has(address) ? '127.0.0.1' : address, port: g.port };
  if (isLocalUri(hostUri)) return { kind: 'tcp', host: ANY.has(address) ? '127.0.0.1' : address, port: g.port };
  // A remote host reached without ssh: its graphics must listen where this BFF can reach them.
  if (LOOPBACK.has(address)) {
    throw new ConsoleUnavailableError(
      `the ${kind.toUpperCase()} server listens on the remote host's loopback: add the host with a qemu+ssh:// URI so the console can be tunnelled through ssh`,
    );
  }
  return { kind: 'tcp', host: ANY.has(address) ? (uri.host ?? address) : address, port: g.port };
}
