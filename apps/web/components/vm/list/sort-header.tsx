'use client';
// A sortable column header: a button inside the <th>, with aria-sort on the <th>.
import { cn } from '@virtdeck/ui';
import { ArrowDown, ArrowUp, ChevronsUpDown } from 'lucide-react';
import type { Sort, SortKey } from '~/lib/vm-list';

export function SortHeader({ label, sortKey, sort, onSort, align = 'left', className }: { label: string; sortKey: SortKey; sort: Sort; onSort: (key: SortKey) => void; align?: 'left' | 'right'; className?: string }) {
  const active = sort.key === sortKey;
  const Icon = !active ? ChevronsUpDown : sort.dir === 'asc' ? ArrowUp : ArrowDown;
  return (
    <th scope="col" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={cn('px-3 py-2 font-medium', align === 'right' && 'text-right', className)}>
      <button
        type="button"
        onClick={() => onSort(sortKey)}
        className={cn(
          'inline-flex items-center gap-1 rounded hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-[var(--color-accent)] dark:hover:text-zinc-100',
          align === 'right' && 'flex-row-reverse',
          active && 'text-zinc-900 dark:text-zinc-100',
        )}
      >
        {label}
        <Icon aria-hidden className={cn('size-3', !active && 'opacity-40')} />
      </button>
    </th>
  );
}
