'use client';
// Cloning a shut-off VM: a new name, full (every disk copied into the chosen pool) or linked (a
// qcow2 overlay on each disk, which becomes a shared base), progress while the disks are copied,
// then the clone's page. The contract's schema checks each field before sending; a name or pool
// the host refuses comes back next to its field.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { cloneDomainSchema, type CloneDomainInput } from '@virtdeck/contract/clone';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { Field, SelectField } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { vmHref } from '~/lib/format';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { formErrors } from '../edit/form-errors';
import { PoolSelect } from '../create/pool-select';
import { CloneProgressBars } from './clone-progress-bars';

const MODES = [
  { value: 'full', label: 'Full: copy every disk' },
  { value: 'linked', label: 'Linked: overlays on this VM’s disks' },
] as const;

export function CloneDialog({ hostId, uuid, name, shutOff }: { hostId: string; uuid: string; name: string; shutOff: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [cloneName, setCloneName] = useState(`${name}-clone`);
  const [mode, setMode] = useState<'full' | 'linked'>('full');
  const [pool, setPool] = useState('');
  const [running, setRunning] = useState<(CloneDomainInput & { hostId: string }) | null>(null);
  const clone = useMutation(
    trpc.domain.clone.run.mutationOptions({
      onSuccess: (result) => {
        toast.success(`${result.name} cloned from ${name}`);
        void queryClient.invalidateQueries({ queryKey: trpc.storage.pathKey() });
        setOpen(false);
        router.push(vmHref(hostId, result.uuid));
      },
      onSettled: () => setRunning(null),
    }),
  );
  const input = { hostId, uuid, name: cloneName, mode, pool };
  const errors = formErrors(cloneDomainSchema, input, submitted, clone.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!cloneDomainSchema.safeParse(input).success) return;
    setRunning(input);
    clone.mutate(input);
  };
  return (
    <>
      <Button
        size="sm"
        disabled={!shutOff}
        title={shutOff ? undefined : 'Shut the VM off to clone it'}
        onClick={() => {
          setSubmitted(false);
          clone.reset();
          setOpen(true);
        }}
      >
        Clone…
      </Button>
      <Dialog open={open} onOpenChange={(o) => !clone.isPending && setOpen(o)} title={`Clone ${name}`} description="A new VM with its own name, UUID and MAC addresses.">
        <form onSubmit={submit} className="space-y-3" aria-label="Clone VM" noValidate>
          <Field label="Name of the clone" value={cloneName} onChange={(e) => setCloneName(e.target.value)} error={errors.name} />
          <SelectField
            label="Disks"
            value={mode}
            options={MODES}
            onChange={(e) => setMode(e.target.value as typeof mode)}
            error={errors.mode}
          />
          {mode === 'linked' ? <p className="text-xs text-amber-700 dark:text-amber-300">Keep {name} shut off afterwards: its disks become shared bases the clone reads.</p> : null}
          <PoolSelect id="clone-pool" label="Into pool" hostId={hostId} value={pool} onChange={setPool} error={errors.pool} />
          {running ? <CloneProgressBars input={running} /> : null}
          <FormError message={clone.isError && Object.keys(errors).length === 0 ? errorMessage(clone.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)} disabled={clone.isPending}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" pending={clone.isPending}>
              Clone
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
