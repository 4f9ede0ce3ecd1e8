'use client';
// The wizard's disk: none, an existing volume, a new empty volume, or a qcow2 overlay on a base.
import type { CreateForm, DiskKind, FormErrors } from '~/lib/vm-create';
import { ChoiceGroup } from './choice-group';
import { FieldShell, fieldProps, inputStyle } from '@virtdeck/ui/field';
import { PoolSelect } from './pool-select';
import { VolumeSelect } from './volume-select';

const KINDS: { value: DiskKind; label: string }[] = [
  { value: 'none', label: 'No disk' },
  { value: 'new', label: 'New volume' },
  { value: 'existing', label: 'Existing volume' },
  { value: 'overlay', label: 'Overlay on a base' },
];

export function DiskSection({ form, set, errors }: { form: CreateForm; set: (patch: Partial<CreateForm>) => void; errors: FormErrors }) {
  const k = form.diskKind;
  return (
    <div className="space-y-3">
      <ChoiceGroup legend="Disk" name="disk-kind" value={k} options={KINDS} onChange={(v) => set({ diskKind: v })} />
      {k !== 'none' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <PoolSelect id="diskPool" label="Pool" hostId={form.hostId} value={form.diskPool} onChange={(v) => set({ diskPool: v, diskSource: '' })} error={errors.diskPool} />
          {k === 'existing' || k === 'overlay' ? (
            <VolumeSelect
              id="diskSource"
              label={k === 'overlay' ? 'Base volume' : 'Volume'}
              hostId={form.hostId}
              pool={form.diskPool}
              value={form.diskSource}
              onChange={(v) => set({ diskSource: v })}
              error={errors.diskSource}
              filter={(v) => !v.name.toLowerCase().endsWith('.iso')}
            />
          ) : null}
          {k === 'new' || k === 'overlay' ? (
            <FieldShell id="diskVolume" label={k === 'overlay' ? 'Overlay volume name' : 'Volume name'} error={errors.diskVolume} hint="e.g. web-1.qcow2">
              <input {...fieldProps('diskVolume', errors.diskVolume)} className={inputStyle} value={form.diskVolume} onChange={(e) => set({ diskVolume: e.target.value })} />
            </FieldShell>
          ) : null}
          {k === 'new' ? (
            <>
              <FieldShell id="diskCapacityGiB" label="Size (GiB)" error={errors.diskCapacityGiB}>
                <input {...fieldProps('diskCapacityGiB', errors.diskCapacityGiB)} type="number" min={0.001} step="any" inputMode="decimal" className={`${inputStyle} text-right tabular-nums`} value={form.diskCapacityGiB} onChange={(e) => set({ diskCapacityGiB: e.target.value })} />
              </FieldShell>
              <FieldShell id="diskFormat" label="Format">
                <select id="diskFormat" className={inputStyle} value={form.diskFormat} onChange={(e) => set({ diskFormat: e.target.value as 'qcow2' | 'raw' })}>
                  <option value="qcow2">qcow2 (thin, snapshots)</option>
                  <option value="raw">raw</option>
                </select>
              </FieldShell>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
