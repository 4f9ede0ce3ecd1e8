'use client';
// Detaching a NIC, behind a confirmation that names it. A guest that has not let go yet keeps it
// in the running VM: the result says so (and the page updates when libvirt reports it gone).
import { useMutation } from '@tanstack/react-query';
import { Button } from '@virtdeck/ui';
import { ConfirmAction } from '~/components/shell/confirm-action';
import { useTRPC } from '~/lib/trpc';
import { useAfterNicChange } from './use-after-nic-change';

export function DetachNicAction({ hostId, uuid, vmName, mac, where }: { hostId: string; uuid: string; vmName: string; mac: string; where: string }) {
  const trpc = useTRPC();
  const after = useAfterNicChange(hostId, uuid);
  const detach = useMutation(trpc.domain.nics.detach.mutationOptions({ onSuccess: (result) => after(`NIC ${mac} detached`, result) }));
  return (
    <ConfirmAction
      trigger={
        <Button size="sm" variant="danger-ghost" aria-label={`Detach NIC ${mac}`}>
          Detach…
        </Button>
      }
      title={`Detach NIC ${mac}?`}
      confirmLabel="Detach"
      onConfirm={() => detach.mutateAsync({ hostId, uuid, mac })}
    >
      {vmName} loses its connection through this NIC ({where}), in the running VM and in its definition. The MAC address goes with it.
    </ConfirmAction>
  );
}
