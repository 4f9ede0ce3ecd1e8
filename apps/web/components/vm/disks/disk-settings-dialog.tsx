'use client';
// Cache, io and discard modes and the read-only and shareable flags of one disk. They go into
// the definition; a running VM takes them at its next boot (the answer says so).
import { useMutation } from '@tanstack/react-query';
import { setDiskOptionsSchema, type DiskOptionsInput } from '@virtdeck/contract/disk';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { FormError } from '@virtdeck/ui/form-error';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import type { DomainDisk } from '~/lib/vm-types';
import { DiskOptionsFields } from './disk-options-fields';
import { diskFormErrors } from './disk-form-errors';
import { useAfterDiskChange } from './use-after-disk-change';

const current = (disk: DomainDisk): DiskOptionsInput => ({
  cache: (disk.driver.cache ?? 'default') as DiskOptionsInput['cache'],
  io: (disk.driver.io ?? 'default') as DiskOptionsInput['io'],
  discard: (disk.driver.discard ?? 'default') as DiskOptionsInput['discard'],
  readonly: disk.readonly,
  shareable: disk.shareable,
});

export function DiskSettingsDialog({ hostId, uuid, disk, running }: { hostId: string; uuid: string; disk: DomainDisk; running: boolean }) {
  const trpc = useTRPC();
  const after = useAfterDiskChange(hostId, uuid);
  const [open, setOpen] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [options, setOptions] = useState(() => current(disk));
  const save = useMutation(
    trpc.domain.disks.setOptions.mutationOptions({
      onSuccess: (result) => {
        setOpen(false);
        after(`Disk ${disk.targetDev} settings saved`, result);
      },
    }),
  );
  const input = { hostId, uuid, disk: disk.targetDev, ...options };
  const errors = diskFormErrors(setDiskOptionsSchema, input, submitted);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (setDiskOptionsSchema.safeParse(input).success) save.mutate(input);
  };
  return (
    <>
      <Button
        size="sm"
        onClick={() => {
          setOptions(current(disk));
          setSubmitted(false);
          save.reset();
          setOpen(true);
        }}
      >
        Settings…
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Disk ${disk.targetDev} settings`} description={running ? 'Saved in the definition: QEMU opens the disk with these at the next boot.' : 'Saved in the definition.'}>
        <form onSubmit={submit} className="space-y-3" aria-label={`Disk ${disk.targetDev} settings`} noValidate>
          <DiskOptionsFields value={options} onChange={setOptions} errors={errors} />
          <FormError message={save.isError ? errorMessage(save.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" pending={save.isPending}>
              Save
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
