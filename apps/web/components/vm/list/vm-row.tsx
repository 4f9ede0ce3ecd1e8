'use client';
// One VM in the list: checkbox (operators), name linking to its page, host, live state badge,
// address (from the host's background sweep), vCPUs and memory right-aligned with units, then
// the newest metrics sample's CPU and memory.
import { StateBadge, cn } from '@virtdeck/ui';
import { memo } from 'react';
import type { LatestVmMetrics } from '@virtdeck/contract/metrics';
import { formatBytes, formatKiB, formatPercent, vmHref } from '~/lib/format';
import type { VmRow as Row } from '~/lib/vm-types';
import { AddressCell } from './address-cell';

export const ROW_HEIGHT = 37;

interface Props {
  row: Row;
  latest: LatestVmMetrics | undefined;
  selectable: boolean;
  selected: boolean;
  onToggle: (key: string) => void;
}

export const VmRow = memo(function VmRow({ row, latest, selectable, selected, onToggle }: Props) {
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
        {/* A plain link: the table's click handler navigates without a page load (row-link-click.ts). */}
        <a data-row-link href={vmHref(row.hostId, row.uuid)} className="rounded hover:underline focus-visible:outline-2 focus-visible:outline-[var(--color-accent)]" title={row.name}>
          {row.name}
        </a>
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
      <td className="px-3 text-right tabular-nums" data-testid="vm-cpu-now">
        {latest?.cpuPercent != null ? formatPercent(latest.cpuPercent) : '—'}
      </td>
      <td className="px-3 text-right tabular-nums" data-testid="vm-memory-now">
        {latest?.memoryBytes != null ? formatBytes(latest.memoryBytes) : '—'}
      </td>
    </tr>
  );
});
