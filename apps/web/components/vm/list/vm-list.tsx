'use client';
// The VM list across all hosts: search, state and host filters, sortable columns, bulk start and
// force off. Sorting is memoised (a live event moves its row alone: use-sorted-rows.ts); a
// keystroke filters the sorted rows at once, in the same commit as the input (a linear pass, and
// only the rows in view render), so the count and rows follow the key without a deferred render.
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { Plus } from 'lucide-react';
import Link from 'next/link';
import { useCallback, useMemo, useState } from 'react';
import { useLatestVmMetrics } from '~/components/metrics/use-latest-vm-metrics';
import { useCanOperate } from '~/lib/use-me';
import { filterRows, type ListFilter, type Sort, type SortKey } from '~/lib/vm-list';
import { BulkActions } from './bulk-actions';
import { HostAddressesProvider } from './host-addresses';
import { useSortedRows } from './use-sorted-rows';
import { useVmRows } from './use-vm-rows';
import { VmListToolbar } from './vm-list-toolbar';
import { VmTable } from './vm-table';

export function VmList() {
  const canOperate = useCanOperate();
  const { hosts, rows, problems, isPending, error } = useVmRows();
  const [filter, setFilter] = useState<ListFilter>({ search: '', state: 'all', host: 'all' });
  const [sort, setSort] = useState<Sort>({ key: 'name', dir: 'asc' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  // Keyed by the hosts' ids: a live event that changes a row leaves the metrics queries alone.
  const hostKey = hosts.map((h) => h.id).join(' ');
  const latest = useLatestVmMetrics(useMemo(() => (hostKey === '' ? [] : hostKey.split(' ')), [hostKey]));
  // Sorted once per change of order (a live event moves its row alone); a keystroke only filters.
  const sorted = useSortedRows(rows, sort, latest);
  const shown = useMemo(() => filterRows(sorted, filter), [sorted, filter]);
  const selectedRows = useMemo(() => rows.filter((r) => selected.has(r.key)), [rows, selected]);

  const onSort = useCallback((key: SortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' })), []);
  const onToggle = useCallback(
    (key: string) =>
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
    [],
  );
  const onToggleAll = (select: boolean) => setSelected(select ? new Set(shown.map((r) => r.key)) : new Set());

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold tracking-tight">Virtual machines</h1>
        {canOperate ? (
          <Link
            href="/vms/new"
            className="inline-flex h-8 items-center gap-1.5 rounded-md bg-[var(--color-accent)] px-3 text-sm font-medium text-white hover:brightness-110 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--color-accent)]"
          >
            <Plus aria-hidden className="size-4" /> New VM
          </Link>
        ) : null}
      </div>
      {problems.map((p) => (
        <p key={p.hostId} role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200">
          Host <strong>{p.hostName}</strong>: {p.message}. Its VMs are not listed.
        </p>
      ))}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <VmListToolbar filter={filter} onChange={setFilter} hosts={hosts} />
        <div className="flex items-center gap-3">
          {canOperate ? <BulkActions selected={selectedRows} onDone={() => setSelected(new Set())} /> : null}
          <span className="text-xs text-zinc-500 tabular-nums" aria-live="polite" data-testid="vm-count">
            {shown.length === rows.length ? `${rows.length.toLocaleString('en-US')} VMs` : `${shown.length.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} VMs`}
          </span>
        </div>
      </div>
      {error ? (
        <ErrorState title="Could not list hosts" message={error.message} />
      ) : isPending && rows.length === 0 ? (
        <Skeleton className="h-64" label="Loading virtual machines" />
      ) : hosts.length === 0 ? (
        <EmptyState title="No hosts yet" hint="An admin can add a libvirt host on the Hosts page." />
      ) : rows.length === 0 && problems.length === 0 ? (
        <EmptyState title="No virtual machines yet" hint={canOperate ? 'Create one with “New VM”.' : undefined} />
      ) : (
        <HostAddressesProvider rows={rows}>
          <VmTable rows={shown} latest={latest} total={rows.length} sort={sort} onSort={onSort} selectable={canOperate} selected={selected} onToggle={onToggle} onToggleAll={onToggleAll} />
        </HostAddressesProvider>
      )}
    </div>
  );
}
