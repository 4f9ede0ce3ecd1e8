'use client';
// A volume of a pool: a list from `storage.volume.list`, or a text box if it cannot be read.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '~/lib/trpc';
import { formatBytes } from '~/lib/format';
import { FieldShell, fieldProps, inputStyle } from '@virtdeck/ui/field';

export function VolumeSelect({
  id,
  label,
  hostId,
  pool,
  value,
  onChange,
  error,
  filter,
}: {
  id: string;
  label: string;
  hostId: string;
  pool: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  filter?: (v: { name: string; format: string | null }) => boolean;
}) {
  const trpc = useTRPC();
  const vols = useQuery(trpc.storage.volume.list.queryOptions({ hostId, pool }, { enabled: hostId !== '' && pool !== '' }));
  if (!vols.isSuccess) {
    return (
      <FieldShell id={id} label={label} error={error} hint={pool === '' ? 'Choose a pool first' : vols.isError ? 'Volumes could not be listed: type the name' : 'Loading volumes…'}>
        <input {...fieldProps(id, error)} className={inputStyle} value={value} onChange={(e) => onChange(e.target.value)} />
      </FieldShell>
    );
  }
  const shown = vols.data.filter((v) => !filter || filter(v));
  return (
    <FieldShell id={id} label={label} error={error} hint={shown.length === 0 ? 'No suitable volume in this pool' : undefined}>
      <select {...fieldProps(id, error)} className={inputStyle} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a volume…</option>
        {shown.map((v) => (
          <option key={v.name} value={v.name}>
            {v.name} · {v.format ?? '?'} · {formatBytes(v.capacity)}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
