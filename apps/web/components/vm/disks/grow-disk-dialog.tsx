'use client';
// Grow a disk: live on a running VM (the guest sees the new size at once), through its volume
// when the VM is off. The new size must be above the current one: a disk never shrinks.
import { useMutation } from '@tanstack/react-query';
import { resizeDiskSchema } from '@virtdeck/contract/disk';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { Field } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { useState, type FormEvent } from 'react';
import { formatBytes } from '~/lib/format';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { diskFormErrors, refusedField } from './disk-form-errors';
import { useAfterDiskChange } from './use-after-disk-change';

const GiB = 1024 ** 3;

export function GrowDiskDialog({ hostId, uuid, disk, capacity, running }: { hostId: string; uuid: string; disk: string; capacity: number | null; running: boolean }) {
  const trpc = useTRPC();
  const after = useAfterDiskChange(hostId, uuid);
  const [open, setOpen] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [size, setSize] = useState('');
  const resize = useMutation(
    trpc.domain.disks.resize.mutationOptions({
      onSuccess: (result) => {
        setOpen(false);
        after(`Disk ${disk} grown`, result);
      },
    }),
  );
  const capacityGiB = size.trim() === '' ? Number.NaN : Number(size);
  const input = { hostId, uuid, disk, capacityGiB };
  const errors = diskFormErrors(resizeDiskSchema, input, submitted);
  // The current size is known here: say so beside the field before asking the server.
  if (submitted && !errors.capacityGiB && capacity !== null && capacityGiB * GiB <= capacity) errors.capacityGiB = `more than the disk's ${formatBytes(capacity)} (a disk only grows)`;
  const refused = resize.error ? refusedField(errorMessage(resize.error), ['capacityGiB']) : null;
  if (refused) errors.capacityGiB ??= refused.message;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    resize.reset();
    if (resizeDiskSchema.safeParse(input).success && (capacity === null || capacityGiB * GiB > capacity)) resize.mutate(input);
  };
  return (
    <>
      <Button
        size="sm"
        onClick={() => {
          setSize(capacity === null ? '' : String(Math.ceil((capacity / GiB) * 2) / 2 + 1));
          setSubmitted(false);
          resize.reset();
          setOpen(true);
        }}
      >
        Grow…
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Grow disk ${disk}`} description={running ? 'Live: the guest sees the new size at once; grow its partition and file system inside.' : 'The volume grows now; the guest sees it at its next start.'}>
        <form onSubmit={submit} className="space-y-3" aria-label={`Grow disk ${disk}`} noValidate>
          <Field label="New size (GiB)" inputMode="decimal" value={size} onChange={(e) => setSize(e.target.value)} error={errors.capacityGiB} hint={capacity !== null ? `Now ${formatBytes(capacity)}` : undefined} />
          <FormError message={resize.isError && !refused ? errorMessage(resize.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" pending={resize.isPending}>
              Grow
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
