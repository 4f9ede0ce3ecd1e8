'use client';
// Search by name, filter by state and host.
import { Search } from 'lucide-react';
import { STATE_FILTERS, type ListFilter, type StateFilter } from '~/lib/vm-list';

const control =
  'h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-[var(--color-accent)] dark:border-zinc-700 dark:bg-zinc-900';

export function VmListToolbar({ filter, onChange, hosts }: { filter: ListFilter; onChange: (f: ListFilter) => void; hosts: { id: string; name: string }[] }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="relative">
        <span className="sr-only">Search by name</span>
        <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2 size-3.5 -translate-y-1/2 text-zinc-400" />
        <input
          type="search"
          placeholder="Search by name"
          value={filter.search}
          onChange={(e) => onChange({ ...filter, search: e.target.value })}
          className={`${control} w-56 pl-7`}
        />
      </label>
      <label className="flex items-center gap-1.5 text-sm">
        <span className="sr-only">State</span>
        <select aria-label="State" value={filter.state} onChange={(e) => onChange({ ...filter, state: e.target.value as StateFilter })} className={control}>
          {STATE_FILTERS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      {hosts.length > 1 ? (
        <label className="flex items-center gap-1.5 text-sm">
          <span className="sr-only">Host</span>
          <select aria-label="Host" value={filter.host} onChange={(e) => onChange({ ...filter, host: e.target.value })} className={control}>
            <option value="all">All hosts</option>
            {hosts.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </div>
  );
}
