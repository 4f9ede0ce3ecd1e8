/**
 * Domain XML for the "create VM" form.
 *
 * Defaults: domain type `qemu` (TCG; `kvm` when asked), arch `x86_64`, machine `pc`, disk bus
 * `virtio`, cdrom on `sata`, VNC graphics with autoport listening on 127.0.0.1, a pty serial
 * port with a serial console, and a video model matching the graphics: `qxl` for SPICE (its
 * agent features need it) and `virtio` for VNC (cirrus is deprecated upstream in QEMU; virtio-vga
 * still offers plain VGA to guests without a driver). No graphics → no video device.
 *
 * Boot order is written per device (`<boot order>`), never `<os><boot dev>` (libvirt refuses
 * both together): by default the cdrom first when there is one, then the first disk.
 */
import { BuildError } from '../errors.js';
import { DeviceNamer } from './device-names.js';
import { absolutePath, integer, objectName, oneOf, text } from './validate.js';
import { el, renderXml, textEl } from './writer.js';

export type DiskBus = 'virtio' | 'sata' | 'scsi' | 'ide' | 'usb';
export type BootDevice = 'cdrom' | 'disk' | 'network';
export type VideoModel = 'virtio' | 'qxl' | 'cirrus' | 'vga' | 'bochs' | 'none';

export interface DomainDiskSpec {
  path: string;
  /** Image format, default `qcow2`. */
  format?: 'raw' | 'qcow2';
  bus?: DiskBus;
  /** Default: the next free name for the bus (vda, vdb... / sda... / hda...). */
  targetDev?: string;
  readonly?: boolean;
}

export interface DomainSpec {
  name: string;
  uuid?: string;
  title?: string;
  description?: string;
  type?: 'qemu' | 'kvm';
  memoryMiB: number;
  vcpus: number;
  arch?: string;
  machine?: string;
  disks?: DomainDiskSpec[];
  cdrom?: { path: string; bus?: 'sata' | 'ide' | 'scsi' };
  /** A libvirt network, a host bridge, or none (default none). */
  network?: { network: string; model?: string } | { bridge: string; model?: string } | 'none';
  graphics?: 'vnc' | 'spice' | 'none';
  /** Listen address for graphics, default 127.0.0.1. */
  graphicsListen?: string;
  video?: VideoModel;
  /** pty serial + console, default true. */
  serialConsole?: boolean;
  /** Devices in boot order; default cdrom (if any) then disk. `disk` is the first disk. */
  boot?: BootDevice[];
}

const DISK_BUSES: readonly DiskBus[] = ['virtio', 'sata', 'scsi', 'ide', 'usb'];
const PREFIX: Readonly<Record<DiskBus, string>> = { virtio: 'vd', sata: 'sd', scsi: 'sd', usb: 'sd', ide: 'hd' };
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const TOKEN = /^[A-Za-z0-9_.+-]+$/;

export function buildDomainXml(spec: DomainSpec): string {
  if (typeof spec !== 'object' || spec === null) throw new BuildError('spec', 'must be an object');
  const name = objectName(spec.name, 'name');
  const uuid = text(spec.uuid, 'uuid', { optional: true, pattern: UUID, patternMessage: 'must be a UUID' });
  const title = text(spec.title, 'title', { optional: true, forbid: ['\n'] });
  const description = text(spec.description, 'description', { optional: true });
  const type = oneOf(spec.type, ['qemu', 'kvm'], 'type', 'qemu');
  const memoryMiB = integer(spec.memoryMiB, 'memoryMiB', 16, 16 * 1024 * 1024);
  const vcpus = integer(spec.vcpus, 'vcpus', 1, 4096);
  const arch = text(spec.arch ?? 'x86_64', 'arch', { pattern: TOKEN });
  const machine = text(spec.machine ?? 'pc', 'machine', { pattern: TOKEN });
  const graphics = oneOf(spec.graphics, ['vnc', 'spice', 'none'], 'graphics', 'vnc');
  const listen = text(spec.graphicsListen ?? '127.0.0.1', 'graphicsListen', { pattern: /^[0-9A-Fa-f.:]+$/, patternMessage: 'must be an IP address' });
  const video = oneOf(spec.video, ['virtio', 'qxl', 'cirrus', 'vga', 'bochs', 'none'], 'video', graphics === 'spice' ? 'qxl' : graphics === 'vnc' ? 'virtio' : 'none');

  if (spec.disks !== undefined && !Array.isArray(spec.disks)) throw new BuildError('disks', 'must be an array');
  const namer = new DeviceNamer();
  // Explicit target names first, so automatic names never take one asked for later in the list.
  const explicit = (spec.disks ?? []).map((disk, i) => {
    if (typeof disk !== 'object' || disk === null) throw new BuildError(`disks[${i}]`, 'must be an object');
    const field = `disks[${i}].targetDev`;
    const dev = text(disk.targetDev, field, { optional: true, pattern: /^[a-z]+$/, patternMessage: 'must be a device name like vda' });
    if (dev !== undefined && !namer.reserve(dev)) throw new BuildError(field, `${dev} is used twice`);
    return dev;
  });
  const disks = (spec.disks ?? []).map((disk, i) => {
    const field = `disks[${i}]`;
    const bus = oneOf(disk.bus, DISK_BUSES, `${field}.bus`, 'virtio');
    const targetDev = explicit[i] ?? namer.next(PREFIX[bus]);
    return {
      path: absolutePath(disk.path, `${field}.path`),
      format: oneOf(disk.format, ['raw', 'qcow2'], `${field}.format`, 'qcow2'),
      bus,
      targetDev,
      readonly: disk.readonly === true,
    };
  });
  if (spec.cdrom !== undefined && (typeof spec.cdrom !== 'object' || spec.cdrom === null)) throw new BuildError('cdrom', 'must be an object');
  const cdrom = spec.cdrom
    ? (() => {
        const bus = oneOf(spec.cdrom.bus, ['sata', 'ide', 'scsi'], 'cdrom.bus', 'sata');
        return { path: absolutePath(spec.cdrom.path, 'cdrom.path'), bus, targetDev: namer.next(PREFIX[bus]) };
      })()
    : undefined;
  const nic = readNetwork(spec.network);

  const defaultBoot: BootDevice[] = cdrom ? ['cdrom', 'disk'] : ['disk'];
  const boot = spec.boot ?? defaultBoot.filter((device) => device !== 'disk' || disks.length > 0);
  const bootOrder = new Map<BootDevice, number>();
  boot.forEach((device, i) => {
    const field = `boot[${i}]`;
    oneOf(device, ['cdrom', 'disk', 'network'], field);
    if (bootOrder.has(device)) throw new BuildError(field, `${device} is listed twice`);
    if (device === 'cdrom' && !cdrom) throw new BuildError(field, 'there is no cdrom to boot from');
    if (device === 'disk' && disks.length === 0) throw new BuildError(field, 'there is no disk to boot from');
    if (device === 'network' && !nic) throw new BuildError(field, 'there is no network interface to boot from');
    bootOrder.set(device, i + 1);
  });

  const root = el(
    'domain',
    { type },
    textEl('name', name),
    uuid !== undefined && textEl('uuid', uuid),
    title !== undefined && textEl('title', title),
    description !== undefined && textEl('description', description),
    textEl('memory', memoryMiB, { unit: 'MiB' }),
    textEl('currentMemory', memoryMiB, { unit: 'MiB' }),
    textEl('vcpu', vcpus, { placement: 'static' }),
    el('os', {}, textEl('type', 'hvm', { arch, machine })),
    (arch === 'x86_64' || arch === 'i686') && el('features', {}, el('acpi'), el('apic')),
    el('clock', { offset: 'utc' }),
    el(
      'devices',
      {},
      ...disks.map((disk, i) =>
        el(
          'disk',
          { type: 'file', device: 'disk' },
          el('driver', { name: 'qemu', type: disk.format }),
          el('source', { file: disk.path }),
          el('target', { dev: disk.targetDev, bus: disk.bus }),
          disk.readonly && el('readonly'),
          i === 0 && bootOrder.has('disk') && el('boot', { order: bootOrder.get('disk') }),
        ),
      ),
      cdrom &&
        el(
          'disk',
          { type: 'file', device: 'cdrom' },
          el('driver', { name: 'qemu', type: 'raw' }),
          el('source', { file: cdrom.path }),
          el('target', { dev: cdrom.targetDev, bus: cdrom.bus }),
          el('readonly'),
          bootOrder.has('cdrom') && el('boot', { order: bootOrder.get('cdrom') }),
        ),
      nic &&
        el(
          'interface',
          { type: nic.type },
          el('source', nic.type === 'network' ? { network: nic.name } : { bridge: nic.name }),
          el('model', { type: nic.model }),
          bootOrder.has('network') && el('boot', { order: bootOrder.get('network') }),
        ),
      (spec.serialConsole ?? true) && el('serial', { type: 'pty' }, el('target', { port: 0 })),
      (spec.serialConsole ?? true) && el('console', { type: 'pty' }, el('target', { type: 'serial', port: 0 })),
      graphics !== 'none' && el('input', { type: 'tablet', bus: 'usb' }),
      graphics !== 'none' && el('graphics', { type: graphics, autoport: 'yes', listen }, el('listen', { type: 'address', address: listen })),
      video !== 'none' && el('video', {}, el('model', { type: video })),
      el('memballoon', { model: 'virtio' }),
    ),
  );
  return renderXml(root);
}

function readNetwork(network: DomainSpec['network']): { type: 'network' | 'bridge'; name: string; model: string } | undefined {
  if (network === undefined || network === 'none') return undefined;
  if (typeof network !== 'object' || network === null) throw new BuildError('network', "must be { network }, { bridge } or 'none'");
  const model = text(network.model ?? 'virtio', 'network.model', { pattern: TOKEN });
  if ('network' in network) return { type: 'network', name: objectName(network.network, 'network.network'), model };
  if ('bridge' in network) return { type: 'bridge', name: text(network.bridge, 'network.bridge', { pattern: /^[^\s/]+$/, patternMessage: 'must be an interface name' }), model };
  throw new BuildError('network', "must be { network }, { bridge } or 'none'");
}
