'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '~/lib/trpc';

/** Every host, or a chosen few: `null` means every host (also those added later). */
export function HostScopePicker({ value, onChange }: { value: string[] | null; onChange: (v: string[] | null) => void }) {
  const trpc = useTRPC();
  const hosts = useQuery(trpc.host.list.queryOptions());
  const all = value === null;
  const chosen = new Set(value ?? []);
  return (
    <fieldset className="space-y-2">
      <legend className="text-xs font-medium text-zinc-600 dark:text-zinc-400">Hosts</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={all} onChange={(e) => onChange(e.target.checked ? null : [])} className="accent-[var(--color-accent)]" />
        Every host, including hosts added later
      </label>
      {!all ? (
        <div className="max-h-48 space-y-1 overflow-y-auto rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
          {hosts.isPending ? <p className="text-xs text-zinc-500">Loading hosts…</p> : null}
          {hosts.isError ? <p className="text-xs text-red-700">Could not list hosts: {hosts.error.message}</p> : null}
          {hosts.data?.length === 0 ? <p className="text-xs text-zinc-500">No hosts yet.</p> : null}
          {hosts.data?.map((h) => (
            <label key={h.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={chosen.has(h.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(h.id);
                  else next.delete(h.id);
                  onChange([...next]);
                }}
                className="accent-[var(--color-accent)]"
              />
              <span className="font-medium">{h.name}</span>
              <span className="truncate font-mono text-xs text-zinc-500">{h.uri}</span>
            </label>
          ))}
          {value?.length === 0 ? <p className="text-xs text-amber-700 dark:text-amber-400">No host chosen: this user will see nothing.</p> : null}
        </div>
      ) : null}
    </fieldset>
  );
}
