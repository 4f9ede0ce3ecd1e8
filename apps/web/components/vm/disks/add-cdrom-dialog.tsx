'use client';
// A new, empty CD-ROM drive, on a shut-off VM only (the button says why when the VM runs).
import { useMutation } from '@tanstack/react-query';
import { addCdromSchema } from '@virtdeck/contract/disk';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { SelectField } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { diskFormErrors } from './disk-form-errors';
import { CDROM_BUS_OPTIONS } from './mode-options';
import { useAfterDiskChange } from './use-after-disk-change';

export function AddCdromDialog({ hostId, uuid, running }: { hostId: string; uuid: string; running: boolean }) {
  const trpc = useTRPC();
  const after = useAfterDiskChange(hostId, uuid);
  const [open, setOpen] = useState(false);
  const [bus, setBus] = useState<(typeof CDROM_BUS_OPTIONS)[number]['value']>('sata');
  const add = useMutation(
    trpc.domain.disks.addCdrom.mutationOptions({
      onSuccess: (result) => {
        setOpen(false);
        after(`CD-ROM drive ${result.disk} added`, result);
      },
    }),
  );
  const input = { hostId, uuid, bus };
  const errors = diskFormErrors(addCdromSchema, input, true);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (addCdromSchema.safeParse(input).success) add.mutate(input as Parameters<typeof add.mutate>[0]);
  };
  return (
    <>
      <Button size="sm" disabled={running} title={running ? 'Shut the VM off first: a CD-ROM drive cannot be hot-plugged' : undefined} onClick={() => (add.reset(), setOpen(true))}>
        Add CD-ROM drive…
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title="Add a CD-ROM drive" description="An empty drive in the definition; insert an ISO into it afterwards.">
        <form onSubmit={submit} className="space-y-3" aria-label="Add a CD-ROM drive" noValidate>
          <SelectField label="Bus" options={CDROM_BUS_OPTIONS} value={bus} onChange={(e) => setBus(e.target.value as typeof bus)} error={errors.bus} />
          <FormError message={add.isError ? errorMessage(add.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" pending={add.isPending}>
              Add drive
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
