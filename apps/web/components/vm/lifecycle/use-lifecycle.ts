'use client';
// One mutation per lifecycle action: its own pending state, an error toast, and a refetch of the
// VM's list and page (the live bridge would too; this makes the result show at once).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { errorMessage } from '~/lib/trpc-errors';
import { LIFECYCLE, type LifecycleAction } from '~/lib/vm-lifecycle';
import { useTRPC } from '~/lib/trpc';

export function useLifecycle(action: LifecycleAction, hostId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const procedure = trpc.domain[action];
  return useMutation({
    ...procedure.mutationOptions(),
    onSuccess: (_data, vars) => {
      void queryClient.invalidateQueries({ queryKey: trpc.domain.list.queryKey({ hostId }) });
      void queryClient.invalidateQueries({ queryKey: trpc.domain.get.queryKey({ hostId, uuid: vars.uuid }) });
    },
    onError: (error) => {
      toast.error(`${LIFECYCLE[action].label} failed`, { description: errorMessage(error) });
    },
  });
}
