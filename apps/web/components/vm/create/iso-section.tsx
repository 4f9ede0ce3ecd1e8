'use client';
// An optional ISO to boot from, chosen from a pool.
import type { CreateForm, FormErrors } from '~/lib/vm-create';
import { PoolSelect } from './pool-select';
import { VolumeSelect } from './volume-select';

export function IsoSection({ form, set, errors }: { form: CreateForm; set: (patch: Partial<CreateForm>) => void; errors: FormErrors }) {
  return (
    <div className="space-y-3">
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" checked={form.isoEnabled} onChange={(e) => set({ isoEnabled: e.target.checked })} className="size-4 accent-[var(--color-accent)]" />
        Boot from an installation ISO
      </label>
      {form.isoEnabled ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <PoolSelect id="isoPool" label="ISO pool" hostId={form.hostId} value={form.isoPool} onChange={(v) => set({ isoPool: v, isoVolume: '' })} error={errors.isoPool} />
          <VolumeSelect id="isoVolume" label="ISO volume" hostId={form.hostId} pool={form.isoPool} value={form.isoVolume} onChange={(v) => set({ isoVolume: v })} error={errors.isoVolume} />
        </div>
      ) : null}
    </div>
  );
}
