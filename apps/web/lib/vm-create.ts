// The create wizard's form: its state, the checks that mirror the BFF's createDomainSchema
// (apps/bff/src/routers/domain/schemas.ts), and the input it turns into.
import type { CreateDomainInput } from './vm-types';

export type DiskKind = 'none' | 'existing' | 'new' | 'overlay';
export type NetworkKind = 'none' | 'network' | 'bridge';
export type Graphics = 'vnc' | 'spice' | 'none';

export interface CreateForm {
  hostId: string;
  name: string;
  memoryMiB: string;
  vcpus: string;
  diskKind: DiskKind;
  diskPool: string;
  /** existing: the volume; overlay: the base. */
  diskSource: string;
  /** new / overlay: the new volume's name. */
  diskVolume: string;
  diskCapacityGiB: string;
  diskFormat: 'qcow2' | 'raw';
  isoEnabled: boolean;
  isoPool: string;
  isoVolume: string;
  networkKind: NetworkKind;
  network: string;
  bridge: string;
  graphics: Graphics;
  start: boolean;
}

export const emptyForm = (hostId = ''): CreateForm => ({
  hostId,
  name: '',
  memoryMiB: '1024',
  vcpus: '1',
  diskKind: 'none',
  diskPool: '',
  diskSource: '',
  diskVolume: '',
  diskCapacityGiB: '10',
  diskFormat: 'qcow2',
  isoEnabled: false,
  isoPool: '',
  isoVolume: '',
  networkKind: 'none',
  network: 'default',
  bridge: '',
  graphics: 'vnc',
  start: false,
});

/** Field ids of the form; errors are keyed by them. */
export type FieldId =
  | 'hostId'
  | 'name'
  | 'memoryMiB'
  | 'vcpus'
  | 'diskPool'
  | 'diskSource'
  | 'diskVolume'
  | 'diskCapacityGiB'
  | 'isoPool'
  | 'isoVolume'
  | 'network'
  | 'bridge';
export type FormErrors = Partial<Record<FieldId | 'disk' | 'iso' | 'form', string>>;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;

function objectName(v: string): string | undefined {
  const s = v.trim();
  if (s.length === 0) return 'required';
  if (s.length > 64) return 'at most 64 characters';
  if (!NAME.test(s)) return 'letters, digits and _ . + - only, starting with a letter or digit';
  return undefined;
}

function int(v: string, min: number, max: number): string | undefined {
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n)) return 'a whole number';
  if (n < min) return `at least ${min}`;
  if (n > max) return `at most ${max.toLocaleString('en-US')}`;
  return undefined;
}

export function validate(f: CreateForm): FormErrors {
  const e: FormErrors = {};
  const set = (k: keyof FormErrors, msg: string | undefined) => {
    if (msg) e[k] = msg;
  };
  set('hostId', f.hostId ? undefined : 'choose a host');
  set('name', objectName(f.name));
  set('memoryMiB', int(f.memoryMiB, 16, 1024 * 1024));
  set('vcpus', int(f.vcpus, 1, 256));
  if (f.diskKind !== 'none') set('diskPool', f.diskPool.trim() ? undefined : 'choose a pool');
  if (f.diskKind === 'existing' || f.diskKind === 'overlay') set('diskSource', f.diskSource.trim() ? undefined : 'choose a volume');
  if (f.diskKind === 'new' || f.diskKind === 'overlay') set('diskVolume', objectName(f.diskVolume));
  if (f.diskKind === 'new') {
    const n = Number(f.diskCapacityGiB);
    set('diskCapacityGiB', f.diskCapacityGiB.trim() === '' || !(n > 0) ? 'a size above 0' : n > 64 * 1024 ? 'at most 65,536 GiB' : undefined);
  }
  if (f.isoEnabled) {
    set('isoPool', f.isoPool.trim() ? undefined : 'choose a pool');
    set('isoVolume', f.isoVolume.trim() ? undefined : 'choose an ISO volume');
  }
  if (f.networkKind === 'network') set('network', f.network.trim() && f.network.length <= 64 ? undefined : 'choose a network');
  if (f.networkKind === 'bridge') {
    const b = f.bridge.trim();
    set('bridge', b === '' ? 'name the bridge' : b.length > 15 ? 'at most 15 characters' : undefined);
  }
  return e;
}

export function toInput(f: CreateForm): CreateDomainInput & { hostId: string } {
  const pool = f.diskPool.trim();
  const disk: CreateDomainInput['disk'] =
    f.diskKind === 'existing'
      ? { kind: 'existing', pool, volume: f.diskSource.trim() }
      : f.diskKind === 'new'
        ? { kind: 'new', pool, volume: f.diskVolume.trim(), capacityGiB: Number(f.diskCapacityGiB), format: f.diskFormat }
        : f.diskKind === 'overlay'
          ? { kind: 'overlay', pool, base: f.diskSource.trim(), volume: f.diskVolume.trim() }
          : { kind: 'none' };
  const network: CreateDomainInput['network'] =
    f.networkKind === 'network' ? { kind: 'network', network: f.network.trim() } : f.networkKind === 'bridge' ? { kind: 'bridge', bridge: f.bridge.trim() } : { kind: 'none' };
  return {
    hostId: f.hostId,
    name: f.name.trim(),
    memoryMiB: Number(f.memoryMiB),
    vcpus: Number(f.vcpus),
    disk,
    iso: f.isoEnabled ? { pool: f.isoPool.trim(), volume: f.isoVolume.trim() } : null,
    network,
    graphics: f.graphics,
    start: f.start,
  };
}

/** Server field errors (keyed by the schema's top-level field) mapped onto the form's fields. */
export function serverErrorsToForm(fields: Record<string, string>, f: CreateForm): FormErrors {
  const e: FormErrors = {};
  for (const [k, msg] of Object.entries(fields)) {
    if (k === 'name' || k === 'memoryMiB' || k === 'vcpus' || k === 'hostId') e[k] = msg;
    else if (k === 'disk') e[f.diskKind === 'new' || f.diskKind === 'overlay' ? 'diskVolume' : 'diskPool'] = msg;
    else if (k === 'iso') e.isoVolume = msg;
    else if (k === 'network') e[f.networkKind === 'bridge' ? 'bridge' : 'network'] = msg;
    else e.form = `${k}: ${msg}`;
  }
  return e;
}
