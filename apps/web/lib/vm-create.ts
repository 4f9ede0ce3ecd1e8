// The create wizard's form: its state, the input it turns into, and its checks: the BFF's own
// createDomainSchema run on that input, each message put under the form field it is about.
import { createDomainSchema } from '@virtdeck/contract/domain';
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

/** The form field a schema issue is about, from its path in the input. */
function fieldOf(path: readonly PropertyKey[], f: CreateForm): keyof FormErrors {
  const [top, inner] = path;
  if (top === 'name' || top === 'memoryMiB' || top === 'vcpus') return top;
  if (top === 'disk') {
    if (inner === 'pool') return 'diskPool';
    if (inner === 'capacityGiB') return 'diskCapacityGiB';
    if (inner === 'base' || (inner === 'volume' && f.diskKind === 'existing')) return 'diskSource';
    return 'diskVolume';
  }
  if (top === 'iso') return inner === 'pool' ? 'isoPool' : 'isoVolume';
  if (top === 'network') return f.networkKind === 'bridge' ? 'bridge' : 'network';
  return 'form';
}

export function validate(f: CreateForm): FormErrors {
  const e: FormErrors = {};
  if (!f.hostId) e.hostId = 'choose a host';
  const checked = createDomainSchema.safeParse(toInput(f));
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = fieldOf(issue.path, f);
      e[field] ??= issue.message;
    }
  }
  return e;
}

/** A number typed in a field; an empty field is no number at all (not 0). */
const typedNumber = (v: string): number => (v.trim() === '' ? Number.NaN : Number(v));

export function toInput(f: CreateForm): CreateDomainInput & { hostId: string } {
  const pool = f.diskPool.trim();
  const disk: CreateDomainInput['disk'] =
    f.diskKind === 'existing'
      ? { kind: 'existing', pool, volume: f.diskSource.trim() }
      : f.diskKind === 'new'
        ? { kind: 'new', pool, volume: f.diskVolume.trim(), capacityGiB: typedNumber(f.diskCapacityGiB), format: f.diskFormat }
        : f.diskKind === 'overlay'
          ? { kind: 'overlay', pool, base: f.diskSource.trim(), volume: f.diskVolume.trim() }
          : { kind: 'none' };
  const network: CreateDomainInput['network'] =
    f.networkKind === 'network' ? { kind: 'network', network: f.network.trim() } : f.networkKind === 'bridge' ? { kind: 'bridge', bridge: f.bridge.trim() } : { kind: 'none' };
  return {
    hostId: f.hostId,
    name: f.name.trim(),
    memoryMiB: typedNumber(f.memoryMiB),
    vcpus: typedNumber(f.vcpus),
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
