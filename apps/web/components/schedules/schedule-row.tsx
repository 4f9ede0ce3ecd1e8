// One backup schedule: when, what, how many sets it keeps, its next run and its recent runs
// (missed ones marked), with edit and delete for operators.
import type { Schedule } from '@virtdeck/contract/schedule';
import { Badge, Button } from '@virtdeck/ui';
import { table } from '@virtdeck/ui/table-style';
import { Pencil } from 'lucide-react';
import { DeleteScheduleButton } from './delete-schedule-button';
import { ScheduleDialog } from './schedule-dialog';
import { keepText, runBadge, targetText, utcText, whenText } from './schedule-text';

export function ScheduleRow({ schedule: s, vmName, canOperate }: { schedule: Schedule; vmName: (uuid: string) => string; canOperate: boolean }) {
  const missed = s.recentRuns.filter((r) => r.status === 'missed').length;
  return (
    <tr data-testid="schedule-row" data-schedule={s.name}>
      <td className={`${table.td} font-medium`}>
        {s.name}
        {s.enabled ? null : <span className="ml-2 text-xs text-zinc-500">(disabled)</span>}
      </td>
      <td className={table.td}>{targetText(s, vmName)}</td>
      <td className={`${table.td} whitespace-nowrap`}>
        {whenText(s)}
        <div className="text-xs text-zinc-500">{keepText(s.keepFullSets)}</div>
      </td>
      <td className={`${table.td} whitespace-nowrap tabular-nums`}>{s.nextDueAt ? utcText(s.nextDueAt) : '—'}</td>
      <td className={table.td}>
        {s.recentRuns.length === 0 ? (
          <span className="text-zinc-500">No runs yet</span>
        ) : (
          <ul className="space-y-1" aria-label={`Recent runs of ${s.name}`}>
            {s.recentRuns.slice(0, 3).map((r) => {
              const b = runBadge(r);
              return (
                <li key={r.dueAt} data-testid="schedule-run" data-status={r.status} className="flex items-center gap-2 text-xs" title={r.detail ?? undefined}>
                  <span className="tabular-nums text-zinc-500">{utcText(r.dueAt)}</span>
                  <Badge tone={b.tone}>{b.label}</Badge>
                </li>
              );
            })}
          </ul>
        )}
        {missed > 0 ? <p className="mt-1 text-xs text-amber-700 dark:text-amber-400">{missed} of the last {s.recentRuns.length} runs were missed: no Virtdeck server ran then.</p> : null}
      </td>
      <td className={`${table.td} whitespace-nowrap text-right`}>
        {canOperate ? (
          <>
            <ScheduleDialog
              hostId={s.hostId}
              schedule={s}
              trigger={(open) => (
                <Button size="sm" variant="ghost" aria-label={`Edit schedule ${s.name}`} onClick={open}>
                  <Pencil className="size-3.5" aria-hidden />
                </Button>
              )}
            />
            <DeleteScheduleButton hostId={s.hostId} id={s.id} name={s.name} />
          </>
        ) : null}
      </td>
    </tr>
  );
}
