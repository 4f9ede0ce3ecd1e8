'use client';
// Delete one backup point, after a confirmation that names what is lost. A point that later
// incrementals read through is refused by the BFF, which names them; the refusal shows in the dialog.
import { useMutation } from '@tanstack/react-query';
import type { BackupPointInfo } from '@virtdeck/contract/backup';
import { Button } from '@virtdeck/ui';
import { ConfirmDialog } from '@virtdeck/ui/confirm-dialog';
import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { formatTime } from '~/lib/format';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { useBackupsInvalidate } from './use-backups-invalidate';

export function DeleteBackupButton({ hostId, uuid, point }: { hostId: string; uuid: string; point: BackupPointInfo }) {
  const trpc = useTRPC();
  const invalidate = useBackupsInvalidate();
  const [open, setOpen] = useState(false);
  const remove = useMutation(
    trpc.backup.delete.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        await invalidate();
      },
    }),
  );
  const what = `the ${point.kind} backup of ${formatTime(point.startedAt)}`;
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(o) => {
        if (o) remove.reset();
        setOpen(o);
      }}
      title={`Delete ${what}?`}
      confirmLabel="Delete backup"
      pending={remove.isPending}
      error={remove.isError ? errorMessage(remove.error) : null}
      onConfirm={() => remove.mutate({ hostId, uuid, id: point.id })}
      trigger={
        <Button size="sm" variant="danger-ghost" aria-label={`Delete ${what}`}>
          <Trash2 className="size-3.5" aria-hidden />
        </Button>
      }
    >
      <p>Its files ({point.disks.map((d) => d.volume).join(', ')}) are deleted from the backup target; the VM can no longer be restored to this point.</p>
    </ConfirmDialog>
  );
}
