'use client';
// A CD-ROM drive's medium: insert an ISO volume from a pool, or eject the one in it; live on a
// running VM and in its definition.
import { useMutation } from '@tanstack/react-query';
import { insertMediaSchema } from '@virtdeck/contract/disk';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { FormError } from '@virtdeck/ui/form-error';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { PoolSelect } from '../create/pool-select';
import { VolumeSelect } from '../create/volume-select';
import { diskFormErrors, refusedField } from './disk-form-errors';
import { useAfterDiskChange } from './use-after-disk-change';

export function InsertMediaDialog({ hostId, uuid, disk, running }: { hostId: string; uuid: string; disk: string; running: boolean }) {
  const trpc = useTRPC();
  const after = useAfterDiskChange(hostId, uuid);
  const poolId = useId();
  const volumeId = useId();
  const [open, setOpen] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [pool, setPool] = useState('');
  const [volume, setVolume] = useState('');
  const insert = useMutation(
    trpc.domain.disks.insertMedia.mutationOptions({
      onSuccess: (result) => {
        setOpen(false);
        after(`${volume} inserted into ${disk}`, result);
      },
    }),
  );
  const input = { hostId, uuid, disk, pool, volume };
  const errors = diskFormErrors(insertMediaSchema, input, submitted);
  const refused = insert.error ? refusedField(errorMessage(insert.error), ['volume', 'pool']) : null;
  if (refused) errors[refused.field] ??= refused.message;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    insert.reset();
    if (insertMediaSchema.safeParse(input).success) insert.mutate(input);
  };
  return (
    <>
      <Button
        size="sm"
        onClick={() => {
          setSubmitted(false);
          insert.reset();
          setOpen(true);
        }}
      >
        Insert ISO…
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Insert an ISO into ${disk}`} description={running ? 'The running VM sees the new medium at once.' : 'The VM finds it in the drive at its next start.'}>
        <form onSubmit={submit} className="space-y-3" aria-label={`Insert an ISO into ${disk}`} noValidate>
          <PoolSelect id={poolId} label="Pool" hostId={hostId} value={pool} onChange={setPool} error={errors.pool} />
          <VolumeSelect id={volumeId} label="ISO volume" hostId={hostId} pool={pool} value={volume} onChange={setVolume} error={errors.volume} />
          <FormError message={insert.isError && !refused ? errorMessage(insert.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" pending={insert.isPending}>
              Insert
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

export function EjectMediaButton({ hostId, uuid, disk }: { hostId: string; uuid: string; disk: string }) {
  const trpc = useTRPC();
  const after = useAfterDiskChange(hostId, uuid);
  const eject = useMutation(trpc.domain.disks.ejectMedia.mutationOptions({ onSuccess: (result) => after(`${disk} ejected`, result) }));
  return (
    <span className="inline-flex flex-col">
      <Button size="sm" pending={eject.isPending} onClick={() => eject.mutate({ hostId, uuid, disk })}>
        Eject
      </Button>
      {eject.isError ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {errorMessage(eject.error)}
        </span>
      ) : null}
    </span>
  );
}
