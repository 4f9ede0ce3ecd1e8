'use client';
// Shutdown and reboot through the guest agent (operators): the guest OS is asked by its agent,
// not by ACPI, so it works where the power button is ignored.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '@virtdeck/ui';
import { ConfirmAction } from '~/components/shell/confirm-action';
import { useTRPC } from '~/lib/trpc';

export function AgentActions({ hostId, uuid, name }: { hostId: string; uuid: string; name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.domain.get.queryKey({ hostId, uuid }) });
    void queryClient.invalidateQueries({ queryKey: trpc.guest.info.queryKey({ hostId, uuid }) });
  };
  const reboot = useMutation({ ...trpc.guest.reboot.mutationOptions(), onSuccess: refresh });
  const shutdown = useMutation({ ...trpc.guest.shutdown.mutationOptions(), onSuccess: refresh });
  return (
    <div className="flex gap-2">
      <ConfirmAction
        title={`Reboot ${name} through its guest agent?`}
        confirmLabel="Reboot"
        onConfirm={() => reboot.mutateAsync({ hostId, uuid })}
        trigger={<Button size="sm">Reboot via agent</Button>}
      >
        <p>The guest agent restarts the guest OS. Unsaved work inside the VM is lost.</p>
      </ConfirmAction>
      <ConfirmAction
        title={`Shut down ${name} through its guest agent?`}
        confirmLabel="Shut down"
        onConfirm={() => shutdown.mutateAsync({ hostId, uuid })}
        trigger={<Button size="sm" variant="danger-outline">Shut down via agent</Button>}
      >
        <p>The guest agent powers the guest OS off. Unsaved work inside the VM is lost.</p>
      </ConfirmAction>
    </div>
  );
}
