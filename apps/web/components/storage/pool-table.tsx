'use client';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { useCanOperate } from '~/lib/use-me';
import { table } from '@virtdeck/ui/table-style';
import { PoolRow } from './pool-row';

export function PoolTable({ hostId }: { hostId: string }) {
  const trpc = useTRPC();
  const canOperate = useCanOperate();
  const pools = useQuery(trpc.storage.pool.list.queryOptions({ hostId }));
  if (pools.isPending) return <Skeleton className="h-32" label="Loading storage pools" />;
  if (pools.isError) return <ErrorState title="Could not list storage pools" message={pools.error.message} />;
  if (pools.data.length === 0) return <EmptyState title="No storage pools on this host" hint={canOperate ? 'Define one to hold disk images.' : undefined} />;
  return (
    <div className={table.wrap}>
      <table className={table.table} aria-label="Storage pools">
        <thead className={table.thead}>
          <tr>
            <th className={table.th}>Pool</th>
            <th className={table.th}>State</th>
            <th className={`${table.th} hidden lg:table-cell`}>Type</th>
            <th className={table.thNum}>Capacity</th>
            <th className={table.thNum}>Allocation</th>
            <th className={`${table.thNum} hidden lg:table-cell`}>Available</th>
            <th className={`${table.th} hidden lg:table-cell`}>Used</th>
            <th className={table.th}>Autostart</th>
            {canOperate ? <th className={`${table.th} text-right`}>Actions</th> : null}
          </tr>
        </thead>
        <tbody className={table.tbody}>
          {pools.data.map((p) => (
            <PoolRow key={p.uuid} hostId={hostId} pool={p} canOperate={canOperate} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
