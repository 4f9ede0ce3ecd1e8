'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CircleStop, Play } from 'lucide-react';
import { useTRPC } from '~/lib/trpc';
import type { RouterOutputs } from '~/lib/api-types';
import { Button } from '@virtdeck/ui';
import { ConfirmAction } from '~/components/shell/confirm-action';
import { errorMessage } from '~/lib/trpc-errors';

type Network = RouterOutputs['network']['list'][number];

/** Start, stop (behind a confirmation: guests lose connectivity) and autostart of one network. */
export function NetworkActions({ hostId, network }: { hostId: string; network: Network }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const opts = { onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.network.pathKey() }) };
  const start = useMutation(trpc.network.start.mutationOptions(opts));
  const stop = useMutation(trpc.network.stop.mutationOptions(opts));
  const autostart = useMutation(trpc.network.setAutostart.mutationOptions(opts));
  const busy = start.isPending || stop.isPending || autostart.isPending;
  const failed = start.error ?? autostart.error;
  const input = { hostId, name: network.name };
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-1">
        {network.active ? (
          <ConfirmAction
            title={`Stop network ${network.name}?`}
            confirmLabel={`Stop ${network.name}`}
            onConfirm={() => stop.mutateAsync(input)}
            trigger={
              <Button size="sm" variant="ghost" disabled={busy} aria-label={`Stop network ${network.name}`}>
                <CircleStop className="size-3.5" aria-hidden /> Stop
              </Button>
            }
          >
            <p>
              Running VMs attached to <strong>{network.name}</strong> lose their connectivity until it is started again.
            </p>
          </ConfirmAction>
        ) : (
          <Button size="sm" variant="ghost" disabled={busy} onClick={() => start.mutate(input)} aria-label={`Start network ${network.name}`}>
            <Play className="size-3.5" aria-hidden /> Start
          </Button>
        )}
        <label className="flex items-center gap-1 px-1 text-xs text-zinc-600 dark:text-zinc-400">
          <input
            type="checkbox"
            checked={autostart.isPending ? autostart.variables.autostart : network.autostart}
            disabled={busy || !network.persistent}
            onChange={(e) => autostart.mutate({ ...input, autostart: e.target.checked })}
            className="accent-[var(--color-accent)]"
            aria-label={`Autostart network ${network.name}`}
          />
          Autostart
        </label>
      </div>
      {failed ? (
        <p role="alert" className="max-w-80 text-right text-xs text-red-700 dark:text-red-400">
          {errorMessage(failed)}
        </p>
      ) : null}
    </div>
  );
}
