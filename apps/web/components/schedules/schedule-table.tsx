'use client';
// A host's backup schedules.
import { useQuery } from '@tanstack/react-query';
import type { Schedule } from '@virtdeck/contract/schedule';
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { table } from '@virtdeck/ui/table-style';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { useCanOperate } from '~/lib/use-me';
import { ScheduleRow } from './schedule-row';

export function ScheduleTable({ hostId, only }: { hostId: string; only?: Schedule[] }) {
  const trpc = useTRPC();
  const canOperate = useCanOperate();
  const list = useQuery({ ...trpc.schedule.list.queryOptions({ hostId }), enabled: only === undefined });
  const vms = useQuery(trpc.domain.list.queryOptions({ hostId }));
  const names = new Map((vms.data ?? []).map((v) => [v.uuid, v.name]));
  const vmName = (uuid: string) => names.get(uuid) ?? uuid;
  if (only === undefined && list.isPending) return <Skeleton className="h-24" label="Loading schedules" />;
  if (only === undefined && list.isError) return <ErrorState title="Could not list schedules" message={errorMessage(list.error)} />;
  const schedules = only ?? list.data ?? [];
  if (schedules.length === 0) return <EmptyState title="No backup schedules" hint={canOperate ? 'Create one to back VMs up daily or weekly.' : undefined} />;
  return (
    <div className={table.wrap}>
      <table className={table.table} aria-label="Backup schedules">
        <thead className={table.thead}>
          <tr>
            <th className={table.th}>Name</th>
            <th className={table.th}>Backs up</th>
            <th className={table.th}>When</th>
            <th className={table.th}>Next run</th>
            <th className={table.th}>Recent runs</th>
            <th className={table.th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className={table.tbody}>
          {schedules.map((s) => (
            <ScheduleRow key={s.id} schedule={s} vmName={vmName} canOperate={canOperate} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
