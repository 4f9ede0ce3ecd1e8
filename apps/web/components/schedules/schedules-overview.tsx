'use client';
// The Schedules page: each host's backup schedules; operators create, edit and delete them.
import { Button } from '@virtdeck/ui';
import { Plus } from 'lucide-react';
import { HostSection, PerHostPage } from '~/components/shell/per-host-page';
import { useCanOperate } from '~/lib/use-me';
import { ScheduleDialog } from './schedule-dialog';
import { ScheduleTable } from './schedule-table';

export function SchedulesOverview() {
  const canOperate = useCanOperate();
  return (
    <PerHostPage title="Backup schedules" subtitle="Daily or weekly backups of chosen VMs or of every VM with a tag. Times are UTC.">
      {(h) => (
        <HostSection
          key={h.id}
          host={h}
          label={`Backup schedules of ${h.name}`}
          actions={
            canOperate ? (
              <ScheduleDialog
                hostId={h.id}
                trigger={(open) => (
                  <Button size="sm" onClick={open}>
                    <Plus className="size-3.5" aria-hidden /> New schedule
                  </Button>
                )}
              />
            ) : null
          }
        >
          <ScheduleTable hostId={h.id} />
        </HostSection>
      )}
    </PerHostPage>
  );
}
