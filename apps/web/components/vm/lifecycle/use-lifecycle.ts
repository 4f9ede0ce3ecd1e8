'use client';
// One mutation per lifecycle action: its own pending state, an error toast, and the VM's row
// changed from the answer (the live bridge does too, from libvirt's event; this shows it at once).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { patchDomainRow } from '~/lib/domain-row-patch';
import { errorMessage } from '~/lib/trpc-errors';
import { LIFECYCLE, type LifecycleAction } from '~/lib/vm-lifecycle';
import { useTRPC } from '~/lib/trpc';

export function useLifecycle(action: LifecycleAction, hostId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const procedure = trpc.domain[action];
  return useMutation({
    ...procedure.mutationOptions(),
    onSuccess: (row, vars) => {
      patchDomainRow(queryClient, trpc, hostId, vars.uuid, row);
      void queryClient.invalidateQueries({ queryKey: trpc.domain.get.queryKey({ hostId, uuid: vars.uuid }) });
    },
    onError: (error) => {
      toast.error(`${LIFECYCLE[action].label} failed`, { description: errorMessage(error) });
    },
  });
}
