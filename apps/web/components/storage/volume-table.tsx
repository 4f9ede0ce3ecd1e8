'use client';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { useCanOperate } from '~/lib/use-me';
import { table } from '@virtdeck/ui/table-style';
import { CreateVolumeDialog } from './create-volume-dialog';
import { UploadDialog } from './upload-dialog';
import { VolumeRow } from './volume-row';

export function VolumeTable({ hostId, pool }: { hostId: string; pool: string }) {
  const trpc = useTRPC();
  const canOperate = useCanOperate();
  const volumes = useQuery(trpc.storage.volume.list.queryOptions({ hostId, pool }));
  const names = volumes.data?.map((v) => v.name) ?? [];
  return (
    <div className="space-y-3">
      {canOperate ? (
        <div className="flex justify-end gap-2">
          <UploadDialog hostId={hostId} pool={pool} existing={names} />
          <CreateVolumeDialog hostId={hostId} pool={pool} />
        </div>
      ) : null}
      {volumes.isPending ? (
        <Skeleton className="h-32" label="Loading volumes" />
      ) : volumes.isError ? (
        <ErrorState title="Could not list volumes" message={volumes.error.message} />
      ) : volumes.data.length === 0 ? (
        <EmptyState title="No volumes in this pool" hint={canOperate ? 'Create one, or upload an image.' : undefined} />
      ) : (
        <div className={table.wrap}>
          <table className={table.table} aria-label="Volumes">
            <thead className={table.thead}>
              <tr>
                <th className={table.th}>Volume</th>
                <th className={table.th}>Format</th>
                <th className={table.thNum}>Capacity</th>
                <th className={table.thNum}>Allocation</th>
                <th className={table.th}>Backing parent</th>
                <th className={`${table.th} text-right`}>Actions</th>
              </tr>
            </thead>
            <tbody className={table.tbody}>
              {volumes.data.map((v) => (
                <VolumeRow key={v.key} hostId={hostId} volume={v} canOperate={canOperate} existing={names} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
