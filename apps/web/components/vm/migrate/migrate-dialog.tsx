'use client';
// Migrating a VM to another registered host: the target from the hosts this user operates on
// (never a URI typed here), live or offline, disks copied or on shared storage. What the target
// lacks comes back before anything moves; while it runs, progress and a cancel button; once done,
// the VM's page on its new host.
import { useMutation, useQuery } from '@tanstack/react-query';
import { migrateDomainSchema } from '@virtdeck/contract/domain';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { SelectField } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { vmHref } from '~/lib/format';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { MigrationProgress } from './migration-progress';

const MODES = [
  { value: 'live', label: 'Live: the VM keeps running' },
  { value: 'offline', label: 'Offline: move a shut-off VM’s definition' },
] as const;
const STORAGE = [
  { value: 'copy', label: 'Copy the disks to the target' },
  { value: 'shared', label: 'Shared storage: both hosts see the disks' },
] as const;

export function MigrateDialog({ hostId, uuid, name, running }: { hostId: string; uuid: string; name: string; running: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState('');
  const [mode, setMode] = useState<'live' | 'offline'>(running ? 'live' : 'offline');
  const [storage, setStorage] = useState<'copy' | 'shared'>(running ? 'copy' : 'shared');
  const targets = useQuery({ ...trpc.migration.targets.queryOptions({ hostId }), enabled: open });
  const options = (targets.data ?? []).map((t) => ({ value: t.hostId, label: t.connected ? t.name : `${t.name} (not connected)` }));
  const chosen = target || options[0]?.value || '';
  const migrate = useMutation(
    trpc.migration.start.mutationOptions({
      onSuccess: (s) => {
        toast.success(`${name} migrated`);
        setOpen(false);
        router.push(vmHref(s.targetHostId, uuid));
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = { hostId, uuid, targetHostId: chosen, mode, storage };
    if (!migrateDomainSchema.safeParse(input).success) return;
    migrate.mutate(input);
  };
  return (
    <>
      <Button
        size="sm"
        onClick={() => {
          migrate.reset();
          setMode(running ? 'live' : 'offline');
          setStorage(running ? 'copy' : 'shared');
          setOpen(true);
        }}
      >
        Migrate…
      </Button>
      <Dialog open={open} onOpenChange={(o) => !migrate.isPending && setOpen(o)} title={`Migrate ${name}`} description="Move the VM to another registered host.">
        <form onSubmit={submit} className="space-y-3" aria-label="Migrate VM" noValidate>
          {targets.isSuccess && options.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">No other host you may operate on is registered.</p>
          ) : (
            <SelectField label="Target host" value={chosen} options={options} onChange={(e) => setTarget(e.target.value)} disabled={migrate.isPending} />
          )}
          <SelectField label="Mode" value={mode} options={MODES} onChange={(e) => setMode(e.target.value as typeof mode)} disabled={migrate.isPending} />
          <SelectField label="Storage" value={storage} options={STORAGE} onChange={(e) => setStorage(e.target.value as typeof storage)} disabled={migrate.isPending} />
          {migrate.isPending ? <MigrationProgress hostId={hostId} uuid={uuid} /> : null}
          <FormError message={migrate.isError ? errorMessage(migrate.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)} disabled={migrate.isPending}>
              Close
            </Button>
            <Button type="submit" variant="primary" pending={migrate.isPending} disabled={!chosen}>
              Migrate
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
