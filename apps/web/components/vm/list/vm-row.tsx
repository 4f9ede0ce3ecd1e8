'use client';
// One VM in the list: checkbox (operators), name linking to its page, host, live state badge,
// address (from the host's background sweep), vCPUs and memory right-aligned with units.
import { StateBadge, cn } from '@virtdeck/ui';
import Link from 'next/link';
import { memo } from 'react';
import { formatKiB, vmHref } from '~/lib/format';
import type { VmRow as Row } from '~/lib/vm-types';
import { AddressCell } from './address-cell';

export const ROW_HEIGHT = 37;

interface Props {
  row: Row;
  selectable: boolean;
  selected: boolean;
  onToggle: (key: string) => void;
}

export const VmRow = memo(function VmRow({ row, selectable, selected, onToggle }: Props) {
  return (
    <tr
      data-testid="vm-row"
      data-state={row.state}
      style={{ height: ROW_HEIGHT }}
      className={cn('border-b border-zinc-100 dark:border-zinc-800', selected ? 'bg-sky-50/60 dark:bg-sky-950/30' : 'hover:bg-zinc-50 dark:hover:bg-zinc-800/40')}
    >
      {selectable ? (
        <td className="px-3">
          <input
            type="checkbox"
            checked={selected}
            onChange={() => onToggle(row.key)}
            aria-label={`Select ${row.name}`}
            className="size-4 rounded accent-[var(--color-accent)] focus-visible:outline-2 focus-visible:outline-[var(--color-accent)]"
          />
        </td>
      ) : null}
      <td className="truncate px-3 font-medium">
        <Link href={vmHref(row.hostId, row.uuid)} className="rounded hover:underline focus-visible:outline-2 focus-visible:outline-[var(--color-accent)]" title={row.name}>
          {row.name}
        </Link>
      </td>
      <td className="truncate px-3 text-zinc-600 dark:text-zinc-400" title={row.hostName}>
        {row.hostName}
      </td>
      <td className="px-3">
        <StateBadge state={row.state} />
      </td>
      <td className="truncate px-3">
        <AddressCell hostId={row.hostId} uuid={row.uuid} running={row.state === 'running'} />
      </td>
      <td className="px-3 text-right tabular-nums">{row.vcpus}</td>
      <td className="px-3 text-right tabular-nums">{formatKiB(row.memoryKiB)}</td>
    </tr>
  );
});
