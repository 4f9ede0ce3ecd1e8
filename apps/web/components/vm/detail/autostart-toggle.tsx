'use client';
// Start the VM when the host boots: a switch for operators, plain text for viewers.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Switch } from 'radix-ui';
import { toast } from 'sonner';
import { useTRPC } from '~/lib/trpc';
import { useCanOperate } from '~/lib/use-me';
import { errorMessage } from '~/lib/trpc-errors';

export function AutostartToggle({ hostId, uuid, autostart }: { hostId: string; uuid: string; autostart: boolean }) {
  const trpc = useTRPC();
  const canOperate = useCanOperate();
  const queryClient = useQueryClient();
  const set = useMutation(
    trpc.domain.setAutostart.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.domain.get.queryKey({ hostId, uuid }) }),
      onError: (e) => toast.error('Could not change autostart', { description: errorMessage(e) }),
    }),
  );
  if (!canOperate) return <span>{autostart ? 'On' : 'Off'}</span>;
  const checked = set.isPending ? set.variables.autostart : autostart;
  return (
    <span className="inline-flex items-center gap-2">
      <Switch.Root
        checked={checked}
        disabled={set.isPending}
        onCheckedChange={(v) => set.mutate({ hostId, uuid, autostart: v })}
        aria-label="Start with the host"
        className="relative h-5 w-9 rounded-full bg-zinc-300 transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--color-accent)] disabled:opacity-60 data-[state=checked]:bg-[var(--color-accent)] dark:bg-zinc-700"
      >
        <Switch.Thumb className="block size-4 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[18px]" />
      </Switch.Root>
      <span className="text-sm">{checked ? 'On' : 'Off'}</span>
    </span>
  );
}
