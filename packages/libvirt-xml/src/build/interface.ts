/**
 * `<interface>` device XML for attaching a NIC to a domain that exists: a libvirt network, a host
 * bridge, or user-mode networking (QEMU's own NAT, no host setup), with a model, an optional MAC
 * (libvirt picks one when absent) and the link state.
 */
import { BuildError } from '../errors.js';
import { objectName, oneOf, text } from './validate.js';
import { el, renderXml } from './writer.js';

export type NicModel = 'virtio' | 'e1000' | 'e1000e' | 'rtl8139';
export const NIC_MODELS: readonly NicModel[] = ['virtio', 'e1000', 'e1000e', 'rtl8139'];

/** Where a NIC is plugged in. */
export type NicSourceSpec = { kind: 'network'; network: string } | { kind: 'bridge'; bridge: string } | { kind: 'user' };

export interface InterfaceSpec {
  source: NicSourceSpec;
  model?: NicModel;
  mac?: string;
  /** Default true (no `<link>` element). */
  linkUp?: boolean;
}

/** A unicast MAC address: six hex pairs, the multicast bit of the first octet clear. */
export const MAC_PATTERN = /^[0-9a-f][02468ace](:[0-9a-f]{2}){5}$/i;
/** A Linux interface name (at most 15 characters, no '/' or whitespace). */
export const BRIDGE_PATTERN = /^[A-Za-z0-9_.-]{1,15}$/;

export function macAddress(value: unknown, field: string): string {
  return text(value, field, { pattern: MAC_PATTERN, patternMessage: 'must be a unicast MAC address like 52:54:00:12:34:56' }).toLowerCase();
}

/** The `type` attribute and `<source>` attributes of a NIC source, checked. */
export function sourceOf(source: NicSourceSpec, field: string): { type: string; attrs: Record<string, string> | null } {
  if (typeof source !== 'object' || source === null) throw new BuildError(field, 'must be an object');
  const kind = oneOf(source.kind, ['network', 'bridge', 'user'], `${field}.kind`);
  if (kind === 'network' && 'network' in source) return { type: 'network', attrs: { network: objectName(source.network, `${field}.network`) } };
  if (kind === 'bridge' && 'bridge' in source) {
    return { type: 'bridge', attrs: { bridge: text(source.bridge, `${field}.bridge`, { pattern: BRIDGE_PATTERN, patternMessage: 'must be an interface name' }) } };
  }
  if (kind === 'user') return { type: 'user', attrs: null };
  throw new BuildError(field, `a ${kind} source needs its ${kind} name`);
}

export function buildInterfaceXml(spec: InterfaceSpec): string {
  if (typeof spec !== 'object' || spec === null) throw new BuildError('spec', 'must be an object');
  const { type, attrs } = sourceOf(spec.source, 'source');
  const model = oneOf(spec.model, NIC_MODELS, 'model', 'virtio');
  const mac = spec.mac === undefined ? undefined : macAddress(spec.mac, 'mac');
  const root = el(
    'interface',
    { type },
    mac !== undefined && el('mac', { address: mac }),
    attrs !== null && el('source', attrs),
    el('model', { type: model }),
    spec.linkUp === false && el('link', { state: 'down' }),
  );
  return renderXml(root);
}
