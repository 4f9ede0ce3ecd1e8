'use client';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { table } from '@virtdeck/ui/table-style';
import { toQuery, type AuditFilterForm } from './audit-filter';
import { AuditRow } from './audit-row';

/** Newest first; "Load more" follows the cursor to older entries. */
export function AuditTable({ filter }: { filter: AuditFilterForm }) {
  const trpc = useTRPC();
  const hosts = useQuery(trpc.host.list.queryOptions());
  const users = useQuery(trpc.user.list.queryOptions());
  const log = useInfiniteQuery(trpc.audit.list.infiniteQueryOptions(toQuery(filter), { getNextPageParam: (last) => last.nextCursor }));
  if (log.isPending) return <Skeleton className="h-64" label="Loading the audit log" />;
  if (log.isError) return <ErrorState title="Could not read the audit log" message={log.error.message} />;
  const items = log.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState title="No entries" hint="Nothing matches these filters." />;
  const hostNames = new Map((hosts.data ?? []).map((h) => [h.id, h.name]));
  const userNames = new Map((users.data ?? []).map((u) => [u.id, u.username]));
  return (
    <div className="space-y-3">
      <div className={`${table.wrap} max-h-[70vh]`}>
        <table className={table.table} aria-label="Audit log">
          <thead className={table.thead}>
            <tr>
              <th className={table.th}>Time</th>
              <th className={table.th}>User</th>
              <th className={table.th}>Host</th>
              <th className={table.th}>Object</th>
              <th className={table.th}>Action</th>
              <th className={table.th}>Result</th>
              <th className={table.th}>Detail</th>
            </tr>
          </thead>
          <tbody className={table.tbody}>
            {items.map((e) => (
              <AuditRow key={e.id} entry={e} hostName={e.hostId ? (hostNames.get(e.hostId) ?? null) : null} userNames={userNames} />
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex items-center justify-between text-sm text-zinc-500">
        <span className="tabular-nums">{items.length} entries shown</span>
        {log.hasNextPage ? (
          <Button onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
            {log.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        ) : (
          <span>End of the log</span>
        )}
      </div>
    </div>
  );
}
