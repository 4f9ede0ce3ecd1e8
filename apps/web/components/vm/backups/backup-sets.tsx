'use client';
// A VM's backup sets as a tree: each full backup with its incrementals below it, newest set first,
// each point with its time, size and duration, and restore and delete for operators.
import type { BackupPointInfo, BackupSetInfo } from '@virtdeck/contract/backup';
import { Badge } from '@virtdeck/ui';
import { formatBytes, formatTime } from '~/lib/format';
import { DeleteBackupButton } from './delete-backup-button';
import { RestoreBackupDialog } from './restore-backup-dialog';

export interface BackupActions {
  hostId: string;
  uuid: string;
  vmName: string;
  shutOff: boolean;
}

const duration = (ms: number | null): string => (ms === null ? '—' : ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`);

function PointRow({ point, nested, actions }: { point: BackupPointInfo; nested: boolean; actions: BackupActions | null }) {
  return (
    <tr className="border-t border-zinc-100 dark:border-zinc-800" data-testid="backup-point">
      <td className={nested ? 'py-1.5 pl-6' : 'py-1.5 pl-2'}>
        {nested ? <span className="mr-1 text-zinc-400" aria-hidden>└</span> : null}
        <Badge tone={point.kind === 'full' ? 'blue' : 'zinc'}>{point.kind}</Badge>
      </td>
      <td className="py-1.5">{formatTime(point.startedAt)}</td>
      <td className="py-1.5 text-right tabular-nums">{formatBytes(point.sizeBytes)}</td>
      <td className="py-1.5 text-right tabular-nums">{duration(point.durationMs)}</td>
      <td className="py-1.5 pl-3 text-zinc-500">{point.actor ?? '—'}</td>
      <td className="py-1.5 pr-2 text-right">
        {actions ? (
          <span className="inline-flex gap-1">
            <RestoreBackupDialog hostId={actions.hostId} uuid={actions.uuid} vmName={actions.vmName} shutOff={actions.shutOff} point={point} />
            <DeleteBackupButton hostId={actions.hostId} uuid={actions.uuid} point={point} />
          </span>
        ) : null}
      </td>
    </tr>
  );
}

export function BackupSets({ sets, actions }: { sets: BackupSetInfo[]; actions: BackupActions | null }) {
  return (
    <div className="space-y-3">
      {sets.map((set) => (
        <section key={set.id} aria-label={`Backup set of ${formatTime(set.points[0]!.startedAt)}`} className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <header className="flex items-baseline justify-between px-3 pt-2 text-sm">
            <span className="font-medium">Set of {formatTime(set.points[0]!.startedAt)}</span>
            <span className="text-xs text-zinc-500 tabular-nums">
              {set.points.length} point{set.points.length === 1 ? '' : 's'}, {formatBytes(set.sizeBytes)}
            </span>
          </header>
          <table className="mt-1 w-full text-sm">
            <thead className="text-left text-xs text-zinc-500">
              <tr>
                <th className="py-1 pl-2 font-normal">Kind</th>
                <th className="py-1 font-normal">Taken</th>
                <th className="py-1 text-right font-normal">Size</th>
                <th className="py-1 text-right font-normal">Duration</th>
                <th className="py-1 pl-3 font-normal">By</th>
                <th className="py-1 pr-2" />
              </tr>
            </thead>
            <tbody>
              {set.points.map((p, i) => (
                <PointRow key={p.id} point={p} nested={i > 0} actions={actions} />
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
