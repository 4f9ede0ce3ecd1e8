/**
 * Boot order and boot menu of a domain definition. libvirt has no API for them: the definition
 * is edited and defined again. The order is written per device (`<boot order='n'/>` on disks
 * and NICs, as virt-manager and Cockpit do), which names exactly which disk or NIC boots; the
 * older `<os><boot dev='hd'/>` list is removed, because libvirt refuses the two together.
 */
import { BuildError, XmlError } from '../errors.js';
import { childOf, childrenOf, element, parseEditable, removeChildren, writeEditable, type EditableElement } from './element-tree.js';

/** A device that can boot: a disk by target (`vda`) or a NIC by MAC. */
export type BootTarget = { kind: 'disk'; target: string } | { kind: 'nic'; mac: string };

export interface BootMenu {
  enabled: boolean;
  /** Milliseconds the menu waits, or null for the firmware's default. */
  timeoutMs: number | null;
}

export interface BootConfig {
  /** Devices in boot order (first boots first). */
  order: BootTarget[];
  /** Where the order was written: per device, in the older `<os><boot dev>` list, or nowhere. */
  source: 'devices' | 'os' | 'none';
  menu: BootMenu;
}

/** Elements under `<devices>` that may carry a `<boot order>`. */
const BOOTABLE = ['disk', 'interface', 'hostdev', 'redirdev', 'filesystem'];

function targetOf(device: EditableElement): BootTarget | null {
  if (device.name === 'disk') {
    const dev = childOf(device, 'target')?.attrs.dev;
    return dev ? { kind: 'disk', target: dev } : null;
  }
  if (device.name === 'interface') {
    const mac = childOf(device, 'mac')?.attrs.address;
    return mac ? { kind: 'nic', mac: mac.toLowerCase() } : null;
  }
  return null;
}

function requireDevices(root: EditableElement): EditableElement {
  const devices = childOf(root, 'devices');
  if (!devices) throw new XmlError('missing', 'The domain has no <devices>', { path: 'domain/devices' });
  return devices;
}

/** The boot order and menu of a domain's XML (live or persistent). */
export function readBootConfig(xml: string): BootConfig {
  const root = parseEditable(xml, 'domain');
  const os = childOf(root, 'os');
  const devices = childOf(root, 'devices')?.children ?? [];
  const menuElement = os && childOf(os, 'bootmenu');
  const timeout = menuElement?.attrs.timeout;
  const menu: BootMenu = { enabled: menuElement?.attrs.enable === 'yes', timeoutMs: timeout !== undefined && /^\d+$/.test(timeout) ? Number(timeout) : null };

  const ordered = devices
    .filter((d) => BOOTABLE.includes(d.name))
    .map((d) => ({ target: targetOf(d), order: Number(childOf(d, 'boot')?.attrs.order ?? NaN) }))
    .filter((d): d is { target: BootTarget; order: number } => d.target !== null && Number.isInteger(d.order))
    .sort((a, b) => a.order - b.order);
  if (ordered.length > 0) return { order: ordered.map((d) => d.target), source: 'devices', menu };

  // The older list names kinds of device; each stands for the first device of that kind.
  const legacy = os ? childrenOf(os, 'boot').map((b) => b.attrs.dev) : [];
  const firstOf = (pick: (d: EditableElement) => boolean) => {
    const found = devices.find(pick);
    return found ? targetOf(found) : null;
  };
  const order: BootTarget[] = [];
  for (const dev of legacy) {
    const t =
      dev === 'hd'
        ? firstOf((d) => d.name === 'disk' && (d.attrs.device ?? 'disk') === 'disk')
        : dev === 'cdrom'
          ? firstOf((d) => d.name === 'disk' && d.attrs.device === 'cdrom')
          : dev === 'network'
            ? firstOf((d) => d.name === 'interface')
            : null;
    if (t && !order.some((o) => sameTarget(o, t))) order.push(t);
  }
  return { order, source: legacy.length > 0 ? 'os' : 'none', menu };
}

const sameTarget = (a: BootTarget, b: BootTarget) =>
  a.kind === 'disk' && b.kind === 'disk' ? a.target === b.target : a.kind === 'nic' && b.kind === 'nic' ? a.mac.toLowerCase() === b.mac.toLowerCase() : false;

/**
 * The definition `xml` with a new boot order and menu. Every device named must exist
 * ({@link BuildError} on field `order` otherwise); devices not named lose their boot order.
 */
export function setDomainBoot(xml: string, order: readonly BootTarget[], menu: BootMenu): string {
  const root = parseEditable(xml, 'domain');
  const os = childOf(root, 'os');
  if (!os) throw new XmlError('missing', 'The domain has no <os>', { path: 'domain/os' });
  const devices = requireDevices(root);

  const bootable = devices.children.filter((d) => BOOTABLE.includes(d.name));
  for (const d of bootable) removeChildren(d, 'boot');
  removeChildren(os, 'boot');
  order.forEach((want, i) => {
    const device = bootable.find((d) => {
      const t = targetOf(d);
      return t !== null && sameTarget(t, want);
    });
    if (!device) {
      throw new BuildError(`order`, want.kind === 'disk' ? `the VM has no disk ${want.target}` : `the VM has no NIC with MAC ${want.mac}`);
    }
    device.children.push(element('boot', { order: String(i + 1) }));
  });

  removeChildren(os, 'bootmenu');
  if (menu.enabled) os.children.push(element('bootmenu', { enable: 'yes', ...(menu.timeoutMs !== null && { timeout: String(menu.timeoutMs) }) }));
  return writeEditable(root);
}
