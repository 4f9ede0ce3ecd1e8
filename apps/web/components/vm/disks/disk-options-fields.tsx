'use client';
// Cache, io and discard modes and the read-only and shareable flags: shared by the attach and
// the settings dialogs.
import type { DiskOptionsInput } from '@virtdeck/contract/disk';
import { SelectField } from '@virtdeck/ui/field';
import { CACHE_OPTIONS, DISCARD_OPTIONS, IO_OPTIONS } from './mode-options';

export function DiskOptionsFields({ value, onChange, errors }: { value: DiskOptionsInput; onChange: (v: DiskOptionsInput) => void; errors: Record<string, string | undefined> }) {
  const set = <K extends keyof DiskOptionsInput>(key: K, v: DiskOptionsInput[K]) => onChange({ ...value, [key]: v });
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-3 gap-2">
        <SelectField label="Cache" options={CACHE_OPTIONS} value={value.cache} onChange={(e) => set('cache', e.target.value as DiskOptionsInput['cache'])} error={errors.cache} />
        <SelectField label="I/O" options={IO_OPTIONS} value={value.io} onChange={(e) => set('io', e.target.value as DiskOptionsInput['io'])} error={errors.io} />
        <SelectField label="Discard" options={DISCARD_OPTIONS} value={value.discard} onChange={(e) => set('discard', e.target.value as DiskOptionsInput['discard'])} error={errors.discard} />
      </div>
      <div className="flex gap-4 text-sm">
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={value.readonly} onChange={(e) => set('readonly', e.target.checked)} /> Read-only
        </label>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={value.shareable} onChange={(e) => set('shareable', e.target.checked)} /> Shareable (several VMs)
        </label>
      </div>
    </div>
  );
}
