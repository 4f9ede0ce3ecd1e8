'use client';
// Restore a backup point: to a new VM (a new name, its disks copied into a chosen pool), or in
// place over this VM, which must be shut off and whose name must be typed to confirm, since its
// disks are overwritten. The contract's schema checks the fields; the host's refusals come back
// next to them.
import { useMutation } from '@tanstack/react-query';
import { backupRestoreInput, type BackupPointInfo } from '@virtdeck/contract/backup';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { Field, SelectField } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { formatTime, vmHref } from '~/lib/format';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { PoolSelect } from '../create/pool-select';
import { formErrors } from '../edit/form-errors';
import { useBackupsInvalidate } from './use-backups-invalidate';

const KINDS = [
  { value: 'new', label: 'To a new VM' },
  { value: 'in-place', label: 'Over this VM (overwrites its disks)' },
] as const;

export function RestoreBackupDialog({ hostId, uuid, vmName, shutOff, point }: { hostId: string; uuid: string; vmName: string; shutOff: boolean; point: BackupPointInfo }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invalidate = useBackupsInvalidate();
  const [open, setOpen] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [kind, setKind] = useState<'new' | 'in-place'>('new');
  const [name, setName] = useState(`${vmName}-restored`);
  const [pool, setPool] = useState('');
  const [confirmName, setConfirmName] = useState('');
  const restore = useMutation(
    trpc.backup.restore.mutationOptions({
      onSuccess: async (r) => {
        await invalidate();
        setOpen(false);
        if (r.name) {
          toast.success(`${r.name} restored from the backup of ${formatTime(point.startedAt)}`);
          router.push(vmHref(hostId, r.uuid));
        } else toast.success(`${vmName} restored to ${formatTime(point.startedAt)}`);
      },
    }),
  );
  const input = { hostId, uuid, id: point.id, target: kind === 'new' ? { kind, name, pool } : { kind, confirmName } };
  const errors = formErrors(backupRestoreInput, input, submitted, restore.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!backupRestoreInput.safeParse(input).success) return;
    restore.mutate(input);
  };
  const blocked = kind === 'in-place' && !shutOff;
  return (
    <>
      <Button
        size="sm"
        aria-label={`Restore the ${point.kind} backup of ${formatTime(point.startedAt)}`}
        onClick={() => {
          setSubmitted(false);
          setConfirmName('');
          restore.reset();
          setOpen(true);
        }}
      >
        Restore…
      </Button>
      <Dialog open={open} onOpenChange={(o) => !restore.isPending && setOpen(o)} title={`Restore the ${point.kind} backup of ${formatTime(point.startedAt)}`}>
        <form onSubmit={submit} className="space-y-3" aria-label="Restore backup" noValidate>
          <SelectField label="Restore" value={kind} options={KINDS} onChange={(e) => setKind(e.target.value as typeof kind)} />
          {kind === 'new' ? (
            <>
              <Field label="Name of the new VM" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
              <PoolSelect id="restore-pool" label="Disks into pool" hostId={hostId} value={pool} onChange={setPool} error={errors.pool} />
            </>
          ) : (
            <>
              <p className="text-sm text-red-700 dark:text-red-300">
                Every disk of {vmName} is overwritten with its state at {formatTime(point.startedAt)}; what was written since is lost.
              </p>
              {blocked ? <FormError message={`${vmName} is not shut off: shut it off to restore over it.`} /> : null}
              <Field label={`Type ${vmName} to confirm`} value={confirmName} onChange={(e) => setConfirmName(e.target.value)} error={errors.confirmName} />
            </>
          )}
          {/* The browser's own check names the nested field only as 'target'. */}
          <FormError message={errors.target ?? (restore.isError && Object.keys(errors).length === 0 ? errorMessage(restore.error) : null)} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)} disabled={restore.isPending}>
              Cancel
            </Button>
            <Button type="submit" variant={kind === 'new' ? 'primary' : 'danger'} pending={restore.isPending} disabled={blocked}>
              {kind === 'new' ? 'Restore to a new VM' : `Overwrite ${vmName}`}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
