'use client';
// The VM table: a real <table> (sortable headers with aria-sort, a sticky header) whose rows are
// virtualised, so 1,000 VMs cost only the rows in view.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { LatestByRow, Sort, SortKey } from '~/lib/vm-list';
import type { VmRow as Row } from '~/lib/vm-types';
import { useRowLinkClick } from './row-link-click';
import { SortHeader } from './sort-header';
import { ROW_HEIGHT, VmRow } from './vm-row';

interface Props {
  rows: Row[];
  /** Each VM's newest metrics sample, for the current CPU and memory columns. */
  latest: LatestByRow;
  total: number;
  sort: Sort;
  onSort: (key: SortKey) => void;
  selectable: boolean;
  selected: ReadonlySet<string>;
  onToggle: (key: string) => void;
  onToggleAll: (select: boolean) => void;
}

export function VmTable({ rows, latest, total, sort, onSort, selectable, selected, onToggle, onToggleAll }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const onClick = useRowLinkClick();
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const shownSelected = rows.filter((r) => selected.has(r.key)).length;
  const cols = selectable ? 9 : 8;

  return (
    // The click handler only follows the row links' own clicks (Enter on a link is a click too).
    <div ref={scrollRef} onClick={onClick} className="max-h-[calc(100vh-15rem)] min-h-48 overflow-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" tabIndex={-1}>
      <table className="w-full min-w-[40rem] table-fixed text-sm" aria-label="Virtual machines" aria-rowcount={rows.length + 1}>
        <colgroup>
          {selectable ? <col className="w-10" /> : null}
          <col />
          <col className="w-[20%]" />
          <col className="w-28" />
          <col className="w-44" />
          <col className="w-16" />
          <col className="w-24" />
          <col className="w-20" />
          <col className="w-24" />
        </colgroup>
        <thead className="sticky top-0 z-10 bg-zinc-100 text-left text-xs text-zinc-500 shadow-[0_1px_0_0_var(--color-zinc-200)] dark:bg-zinc-800 dark:text-zinc-400 dark:shadow-[0_1px_0_0_var(--color-zinc-700)]">
          <tr>
            {selectable ? (
              <th scope="col" className="px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select all shown"
                  checked={rows.length > 0 && shownSelected === rows.length}
                  ref={(el) => {
                    if (el) el.indeterminate = shownSelected > 0 && shownSelected < rows.length;
                  }}
                  onChange={(e) => onToggleAll(e.target.checked)}
                  className="size-4 accent-[var(--color-accent)]"
                />
              </th>
            ) : null}
            <SortHeader label="Name" sortKey="name" sort={sort} onSort={onSort} />
            <SortHeader label="Host" sortKey="host" sort={sort} onSort={onSort} />
            <SortHeader label="State" sortKey="state" sort={sort} onSort={onSort} />
            <th scope="col" className="px-3 py-2 font-medium">
              Address
            </th>
            <SortHeader label="vCPUs" sortKey="vcpus" sort={sort} onSort={onSort} align="right" />
            <SortHeader label="Memory" sortKey="memory" sort={sort} onSort={onSort} align="right" />
            <SortHeader label="CPU now" sortKey="cpuNow" sort={sort} onSort={onSort} align="right" />
            <SortHeader label="Mem. now" sortKey="memoryNow" sort={sort} onSort={onSort} align="right" />
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? (
            <tr aria-hidden style={{ height: padTop }}>
              <td colSpan={cols} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return <VmRow key={row.key} row={row} latest={latest.get(row.key)} selectable={selectable} selected={selected.has(row.key)} onToggle={onToggle} />;
          })}
          {padBottom > 0 ? (
            <tr aria-hidden style={{ height: padBottom }}>
              <td colSpan={cols} />
            </tr>
          ) : null}
          {rows.length === 0 ? (
            <tr>
              <td colSpan={cols} className="px-3 py-8 text-center text-zinc-500">
                No VM matches {total > 0 ? `(${total.toLocaleString('en-US')} hidden by the filters)` : ''}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
