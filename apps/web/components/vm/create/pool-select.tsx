'use client';
// A storage pool of the host: a list from `storage.pool.list` (disabled while it loads), or a text
// box if it cannot be read.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '~/lib/trpc';
import { FieldShell, fieldProps, inputStyle } from '@virtdeck/ui/field';

export function PoolSelect({ id, label, hostId, value, onChange, error }: { id: string; label: string; hostId: string; value: string; onChange: (v: string) => void; error?: string | undefined }) {
  const trpc = useTRPC();
  const pools = useQuery(trpc.storage.pool.list.queryOptions({ hostId }, { enabled: hostId !== '' }));
  const active = (pools.data ?? []).filter((p) => p.state === 'running');
  if (pools.isError) {
    return (
      <FieldShell id={id} label={label} error={error} hint="Pools could not be listed: type the name">
        <input {...fieldProps(id, error)} className={inputStyle} value={value} onChange={(e) => onChange(e.target.value)} />
      </FieldShell>
    );
  }
  if (!pools.isSuccess) {
    // The same control while loading, only disabled: nothing jumps, and nothing can be picked yet.
    return (
      <FieldShell id={id} label={label} error={error} hint="Loading pools…">
        <select {...fieldProps(id, error)} className={inputStyle} disabled value="">
          <option value="">Loading pools…</option>
        </select>
      </FieldShell>
    );
  }
  return (
    <FieldShell id={id} label={label} error={error} hint={active.length === 0 ? 'No active pool on this host' : undefined}>
      <select {...fieldProps(id, error)} className={inputStyle} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a pool…</option>
        {active.map((p) => (
          <option key={p.name} value={p.name}>
            {p.name} ({p.type})
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
