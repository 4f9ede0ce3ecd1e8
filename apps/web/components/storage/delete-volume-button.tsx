'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTRPC } from '~/lib/trpc';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { errorDependants, errorMessage } from '~/lib/trpc-errors';
import { FormError } from '@virtdeck/ui/form-error';
import { formatBytes } from '~/lib/format';
import { DependantList } from './dependant-list';
import type { Volume } from './types';
import { useStorageInvalidate } from './use-storage-invalidate';

/** Asks who depends on the volume first; a backing layer in use is explained, not deleted. */
export function DeleteVolumeButton({ hostId, volume }: { hostId: string; volume: Volume }) {
  const trpc = useTRPC();
  const invalidate = useStorageInvalidate();
  const [open, setOpen] = useState(false);
  const input = { hostId, pool: volume.pool, name: volume.name };
  const dependants = useQuery({ ...trpc.storage.volume.dependants.queryOptions(input), enabled: open, staleTime: 0 });
  const remove = useMutation(
    trpc.storage.volume.delete.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        await invalidate();
      },
    }),
  );
  const refused = errorDependants(remove.error);
  const deps = refused ?? dependants.data;
  const inUse = deps ? deps.volumes.length + deps.domains.length > 0 : false;
  return (
    <>
      <Button
        size="sm"
        variant="danger-ghost"
        title="Delete"
        aria-label={`Delete ${volume.name}`}
        onClick={() => {
          remove.reset();
          setOpen(true);
        }}
      >
        <Trash2 className="size-3.5" aria-hidden />
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={inUse ? `${volume.name} is in use` : `Delete ${volume.name}?`}>
        <div className="space-y-3 text-sm">
          {dependants.isPending ? <p className="text-zinc-500">Checking what uses this volume…</p> : null}
          {dependants.isError ? <FormError message={`Could not check what uses it: ${dependants.error.message}`} /> : null}
          {deps && inUse ? (
            <>
              <p>It is a backing layer or a disk, so deleting it would break these. Remove them first:</p>
              <DependantList dependants={deps} />
            </>
          ) : null}
          {deps && !inUse ? (
            <p>
              The volume <strong>{volume.name}</strong> and its {formatBytes(volume.capacity)} of data are deleted for good. Nothing else uses it.
            </p>
          ) : null}
          <FormError message={remove.isError && !refused ? errorMessage(remove.error) : null} />
          <div className="flex justify-end gap-2 pt-1">
            <Button onClick={() => setOpen(false)}>{inUse ? 'Close' : 'Cancel'}</Button>
            {deps && !inUse ? (
              <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate(input)}>
                {remove.isPending ? 'Deleting…' : `Delete ${volume.name}`}
              </Button>
            ) : null}
          </div>
        </div>
      </Dialog>
    </>
  );
}
