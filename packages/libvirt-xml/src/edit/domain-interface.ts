/**
 * One NIC of a domain's XML, found by MAC, as device XML for virDomainDetachDeviceFlags and
 * virDomainUpdateDeviceFlags, and changed in place. Everything libvirt matches a device on, or
 * refuses to see changed (its PCI address, alias, boot order, target), is kept: only the source,
 * model, MAC and link state are rewritten.
 */
import { BuildError } from '../errors.js';
import { macAddress, NIC_MODELS, sourceOf, type NicModel, type NicSourceSpec } from '../build/interface.js';
import { oneOf } from '../build/validate.js';
import { childOf, childrenOf, element, parseEditable, writeEditable, type EditableElement } from './element-tree.js';

export interface InterfaceChanges {
  source?: NicSourceSpec;
  model?: NicModel;
  mac?: string;
  linkUp?: boolean;
}

const macOf = (e: EditableElement) => childOf(e, 'mac')?.attrs.address?.toLowerCase();

/** The `<interface>` with this MAC in a domain's XML, as its own document; null when none has it. */
export function interfaceXmlOf(domainXml: string, mac: string): string | null {
  const wanted = macAddress(mac, 'mac');
  const devices = childOf(parseEditable(domainXml, 'domain'), 'devices');
  const nic = devices && childrenOf(devices, 'interface').find((e) => macOf(e) === wanted);
  return nic ? writeEditable(nic) : null;
}

/** Puts `child` where the element of its name is, or appends it; removes it when `child` is null. */
function replaceChild(parent: EditableElement, name: string, child: EditableElement | null): void {
  const at = parent.children.findIndex((c) => c.name === name);
  if (child === null) {
    if (at >= 0) parent.children.splice(at, 1);
  } else if (at >= 0) parent.children[at] = child;
  else parent.children.push(child);
}

/** `interfaceXml` (one `<interface>`) with the given changes; fields left out stay as they are. */
export function changeInterface(interfaceXml: string, changes: InterfaceChanges): string {
  const nic = parseEditable(interfaceXml, 'interface');
  if (changes.source !== undefined) {
    const { type, attrs } = sourceOf(changes.source, 'source');
    nic.attrs.type = type;
    replaceChild(nic, 'source', attrs && element('source', attrs));
    // The tap name and virtualport libvirt filled in belong to the old connection.
    for (const stale of ['target', 'virtualport']) replaceChild(nic, stale, null);
  }
  if (changes.model !== undefined) replaceChild(nic, 'model', element('model', { type: oneOf(changes.model, NIC_MODELS, 'model') }));
  if (changes.mac !== undefined) replaceChild(nic, 'mac', element('mac', { address: macAddress(changes.mac, 'mac') }));
  if (changes.linkUp !== undefined) {
    if (typeof changes.linkUp !== 'boolean') throw new BuildError('linkUp', 'must be true or false');
    replaceChild(nic, 'link', element('link', { state: changes.linkUp ? 'up' : 'down' }));
  }
  return writeEditable(nic);
}
