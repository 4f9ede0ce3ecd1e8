/**
 * Reads one `<source>` element according to its disk/backingStore `type`. A missing required
 * attribute is not thrown: the backing-chain reader decides whether that is an empty drive or a
 * broken chain, so it returns a problem instead.
 */
import type { DiskSource, Encryption, NetworkHost } from '../model/backing-chain.js';
import { attr, child, childrenNamed, optionalInt, yesNo } from './dom.js';
import type { XmlElement } from './xml.js';

export type SourceResult = { ok: true; source: DiskSource } | { ok: false; problem: string };

function missing(type: string, name: string): SourceResult {
  return { ok: false, problem: `<source> of a '${type}' layer has no '${name}' attribute` };
}

export function readDiskSource(type: string, source: XmlElement, path: string): SourceResult {
  const a = source.attrs;
  switch (type) {
    case 'file':
      return a.file ? { ok: true, source: { kind: 'file', path: a.file } } : missing(type, 'file');
    case 'block':
      return a.dev ? { ok: true, source: { kind: 'block', dev: a.dev } } : missing(type, 'dev');
    case 'dir':
      return a.dir ? { ok: true, source: { kind: 'dir', path: a.dir } } : missing(type, 'dir');
    case 'network': {
      if (!a.protocol) return missing(type, 'protocol');
      const tls = yesNo(a.tls);
      return {
        ok: true,
        source: {
          kind: 'network',
          protocol: a.protocol,
          ...(a.name ? { name: a.name } : {}),
          hosts: childrenNamed(source, 'host').map((host, i) => readHost(host, `${path}/host[${i + 1}]`)),
          ...(tls !== undefined ? { tls } : {}),
        },
      };
    }
    case 'volume':
      if (!a.pool) return missing(type, 'pool');
      if (!a.volume) return missing(type, 'volume');
      return { ok: true, source: { kind: 'volume', pool: a.pool, volume: a.volume, ...(a.mode ? { mode: a.mode } : {}) } };
    case 'nvme': {
      const namespace = optionalInt(a.namespace, path, 'NVMe namespace');
      const managed = yesNo(a.managed);
      const pciAddress = readPciAddress(child(source, 'address'));
      return {
        ok: true,
        source: {
          kind: 'nvme',
          type: a.type ?? 'pci',
          ...(namespace !== undefined ? { namespace } : {}),
          ...(managed !== undefined ? { managed } : {}),
          ...(pciAddress !== undefined ? { pciAddress } : {}),
        },
      };
    }
    case 'vhostuser':
      return a.path ? { ok: true, source: { kind: 'vhostuser', type: a.type ?? 'unix', path: a.path } } : missing(type, 'path');
    case 'vhostvdpa':
      return a.dev ? { ok: true, source: { kind: 'vhostvdpa', dev: a.dev } } : missing(type, 'dev');
    default:
      return { ok: true, source: { kind: 'unknown', type, attrs: { ...a } } };
  }
}

function readHost(host: XmlElement, path: string): NetworkHost {
  const port = optionalInt(host.attrs.port, path, 'Host port');
  const { name, transport, socket } = host.attrs;
  return {
    ...(name ? { name } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(transport ? { transport } : {}),
    ...(socket ? { socket } : {}),
  };
}

function readPciAddress(address: XmlElement | undefined): string | undefined {
  if (address === undefined) return undefined;
  const part = (name: string, width: number): string | undefined => {
    const raw = attr(address, name);
    if (raw === undefined) return undefined;
    const value = Number.parseInt(raw, raw.startsWith('0x') ? 16 : 10);
    return Number.isNaN(value) ? undefined : value.toString(16).padStart(width, '0');
  };
  const [domain, bus, slot, fn] = [part('domain', 4), part('bus', 2), part('slot', 2), part('function', 1)];
  if (bus === undefined || slot === undefined) return undefined;
  return `${domain ?? '0000'}:${bus}:${slot}.${fn ?? '0'}`;
}

/** `<encryption format engine><secret type uuid|usage/></encryption>`. */
export function readEncryption(element: XmlElement | undefined): Encryption | undefined {
  if (element === undefined) return undefined;
  const secret = child(element, 'secret');
  const { engine } = element.attrs;
  const uuid = attr(secret, 'uuid');
  const usage = attr(secret, 'usage');
  return {
    format: element.attrs.format ?? 'default',
    ...(engine ? { engine } : {}),
    ...(uuid ? { secretUuid: uuid } : {}),
    ...(usage ? { secretUsage: usage } : {}),
  };
}
