'use client';
import { useQuery } from '@tanstack/react-query';
import { ChevronDown, ChevronRight } from 'lucide-react';
import { Fragment, useState } from 'react';
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { useCanOperate } from '~/lib/use-me';
import { table } from '@virtdeck/ui/table-style';
import { Badge } from '@virtdeck/ui/badge';
import { useIsAdmin } from '~/lib/use-is-admin';
import { DeleteNetworkButton } from './delete-network-button';
import { EditNetworkDialog } from './edit-network-dialog';
import { NetworkActions } from './network-actions';
import { NetworkDetails } from './network-details';

export function NetworkTable({ hostId }: { hostId: string }) {
  const trpc = useTRPC();
  const canOperate = useCanOperate();
  const isAdmin = useIsAdmin();
  const [opened, setOpened] = useState<string | null>(null);
  const nets = useQuery(trpc.network.list.queryOptions({ hostId }));
  if (nets.isPending) return <Skeleton className="h-24" label="Loading networks" />;
  if (nets.isError) return <ErrorState title="Could not list networks" message={nets.error.message} />;
  if (nets.data.length === 0) return <EmptyState title="No virtual networks on this host" />;
  return (
    <div className={table.wrap}>
      <table className={table.table} aria-label="Networks">
        <thead className={table.thead}>
          <tr>
            <th className={table.th}>Network</th>
            <th className={table.th}>State</th>
            <th className={table.th}>Forward</th>
            <th className={table.th}>Bridge</th>
            <th className={table.th}>Autostart</th>
            <th className={table.th}>Persistent</th>
            {canOperate ? <th className={`${table.th} text-right`}>Actions</th> : null}
          </tr>
        </thead>
        <tbody className={table.tbody}>
          {nets.data.map((n) => (
            <Fragment key={n.uuid}>
            <tr data-testid="network-row" data-network={n.name}>
              <td className={`${table.td} font-medium`}>
                <button
                  type="button"
                  className="flex items-center gap-1"
                  aria-expanded={opened === n.name}
                  aria-label={`Details of network ${n.name}`}
                  onClick={() => setOpened(opened === n.name ? null : n.name)}
                >
                  {opened === n.name ? <ChevronDown className="size-3.5" aria-hidden /> : <ChevronRight className="size-3.5" aria-hidden />}
                  {n.name}
                </button>
              </td>
              <td className={table.td}>{n.active ? <Badge tone="green" testId="network-state">Active</Badge> : <Badge tone="zinc" testId="network-state">Inactive</Badge>}</td>
              <td className={`${table.td} font-mono text-xs`}>
                {n.forwardMode ?? 'isolated'}
                {n.forwardDev ? <span className="text-zinc-500"> via {n.forwardDev}</span> : null}
              </td>
              <td className={`${table.td} font-mono text-xs`}>{n.bridge ?? '—'}</td>
              <td className={table.td}>{n.autostart ? 'Yes' : 'No'}</td>
              <td className={table.td}>{n.persistent ? 'Yes' : 'Transient'}</td>
              {canOperate ? (
                <td className={`${table.td} text-right`}>
                  <div className="flex items-start justify-end gap-1">
                    <NetworkActions hostId={hostId} network={n} />
                    {isAdmin && n.persistent ? <EditNetworkDialog hostId={hostId} name={n.name} active={n.active} /> : null}
                    {isAdmin ? <DeleteNetworkButton hostId={hostId} name={n.name} active={n.active} /> : null}
                  </div>
                </td>
              ) : null}
            </tr>
            {opened === n.name ? (
              <tr>
                <td colSpan={canOperate ? 7 : 6} className={table.td}>
                  <NetworkDetails hostId={hostId} name={n.name} active={n.active} canOperate={canOperate} />
                </td>
              </tr>
            ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
