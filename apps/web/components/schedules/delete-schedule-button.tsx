'use client';
// Deletes a schedule behind a confirmation; the backups it made stay.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '@virtdeck/ui';
import { ConfirmAction } from '@virtdeck/ui/confirm-action';
import { Trash2 } from 'lucide-react';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';

export function DeleteScheduleButton({ hostId, id, name }: { hostId: string; id: string; name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.schedule.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.schedule.pathKey() }) }));
  return (
    <ConfirmAction
      trigger={
        <Button size="sm" variant="danger-ghost" aria-label={`Delete schedule ${name}`}>
          <Trash2 className="size-3.5" aria-hidden />
        </Button>
      }
      title={`Delete schedule ${name}?`}
      confirmLabel={`Delete ${name}`}
      errorText={errorMessage}
      onConfirm={() => remove.mutateAsync({ hostId, id })}
    >
      Its runs stop and its run history goes. The backups it already made stay, with their sets.
    </ConfirmAction>
  );
}
