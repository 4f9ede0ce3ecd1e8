'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { useTRPC } from '~/lib/trpc';
import { Button } from '@virtdeck/ui';
import { ConfirmAction } from '~/components/shell/confirm-action';

export function RemoveHostButton({ hostId, name }: { hostId: string; name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.host.remove.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.host.pathKey() }),
    }),
  );
  return (
    <ConfirmAction
      title={`Remove host ${name}?`}
      confirmLabel={`Remove ${name}`}
      onConfirm={() => remove.mutateAsync({ hostId })}
      trigger={
        <Button variant="danger-ghost" size="sm" aria-label={`Remove host ${name}`}>
          <Trash2 className="size-3.5" aria-hidden />
          Remove
        </Button>
      }
    >
      <p>
        Virtdeck stops managing <strong>{name}</strong>: its connection closes and it disappears from every page and
        user&apos;s host scope.
      </p>
      <p>Nothing on the host itself changes: its VMs, storage and networks keep running.</p>
    </ConfirmAction>
  );
}
