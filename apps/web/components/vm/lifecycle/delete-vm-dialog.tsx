'use client';
// Delete a VM: a dialog built from the BFF's delete plan. The VM's own layers that nothing else
// reads can be deleted with it (its active images checked); layers another VM or an overlay
// still reads are listed as kept, with who reads them, and cannot be chosen.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { patchDomainRow } from '~/lib/domain-row-patch';
import { useTRPC } from '~/lib/trpc';
import { deleteChoices, type DeleteChoice } from '~/lib/vm-delete';
import { errorMessage } from '~/lib/trpc-errors';
import { Button } from '@virtdeck/ui';
import { ConfirmDialog } from '@virtdeck/ui/confirm-dialog';
import { DependantList } from '../../storage/dependant-list';

function layerLabel(l: DeleteChoice): string {
  return `${l.disk} · ${l.depth === 0 ? 'active layer' : `backing layer ${l.depth}`}${l.cdrom ? ' · media' : ''}`;
}

function KeptLayer({ layer }: { layer: DeleteChoice }) {
  return (
    <li className="rounded-md p-1.5" data-testid="kept-layer">
      <span className="block font-mono text-xs break-all text-zinc-800 dark:text-zinc-200">{layer.path}</span>
      <span className="block text-xs text-zinc-500">
        {layerLabel(layer)} ·{' '}
        <span className="rounded bg-amber-50 px-1 text-amber-700 dark:bg-amber-950 dark:text-amber-300">
          {layer.kept === 'in-use' ? 'kept: still used by' : 'kept: not a volume of an active pool'}
        </span>
      </span>
      {layer.kept === 'in-use' ? (
        <div className="mt-1 text-xs">
          <DependantList dependants={layer.usedBy} />
        </div>
      ) : null}
    </li>
  );
}

export function DeleteVmDialog({ hostId, uuid, name, running }: { hostId: string; uuid: string; name: string; running: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const plan = useQuery({ ...trpc.domain.deletePlan.queryOptions({ hostId, uuid }), enabled: open, staleTime: 0 });
  const choices = plan.data ? deleteChoices(plan.data.layers) : [];
  const deletable = choices.filter((l) => l.kept === null);
  const kept = choices.filter((l) => l.kept !== null);
  // Until the user changes something, the defaults of the plan just loaded.
  const picked = chosen ?? new Set(deletable.filter((l) => l.defaultChecked).map((l) => l.path));
  const remove = useMutation(
    trpc.domain.delete.mutationOptions({
      onSuccess: (res) => {
        if (res.volumesFailed.length === 0) toast.success(`Deleted ${name}`, { description: res.volumesDeleted.length ? `and ${res.volumesDeleted.length} volume(s)` : undefined });
        else toast.warning(`Deleted ${name}, but some volumes remain`, { description: res.volumesFailed.map((f) => `${f.path}: ${f.error}`).join('\n') });
        patchDomainRow(queryClient, trpc, hostId, uuid, null);
        queryClient.removeQueries({ queryKey: trpc.domain.get.queryKey({ hostId, uuid }) });
        setOpen(false);
        router.push('/vms');
      },
    }),
  );

  const openDialog = () => {
    setChosen(null);
    remove.reset();
    setOpen(true);
  };
  const toggle = (path: string) => {
    const next = new Set(picked);
    if (next.has(path)) next.delete(path);
    else next.add(path);
    setChosen(next);
  };

  return (
    <>
      <Button size="sm" variant="danger-outline" onClick={openDialog}>
        <Trash2 aria-hidden className="size-3.5" /> Delete
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Delete ${name}?`}
        confirmLabel={picked.size > 0 ? `Delete VM and ${picked.size} volume${picked.size === 1 ? '' : 's'}` : 'Delete VM'}
        pending={remove.isPending || plan.isPending}
        error={remove.isError ? `Nothing was deleted: ${errorMessage(remove.error)}` : null}
        onConfirm={() => remove.mutate({ hostId, uuid, deleteVolumes: deletable.filter((l) => picked.has(l.path)).map((l) => l.path) })}
      >
        <p>
          The definition of <strong className="text-zinc-900 dark:text-zinc-100">{name}</strong> is removed with its snapshot metadata.
          {running ? ' It is running and will be forced off first: unsaved data in the guest is lost.' : ''}
        </p>
        {plan.isPending ? <p className="text-zinc-500">Checking what else uses its disks…</p> : null}
        {plan.isError ? <p className="text-red-700 dark:text-red-300">Could not check its disks: {errorMessage(plan.error)}</p> : null}
        {plan.data && choices.length === 0 ? <p>It has no disk volumes.</p> : null}
        {deletable.length > 0 ? (
          <fieldset className="space-y-1">
            <legend className="mb-1 font-medium text-zinc-800 dark:text-zinc-200">Disk volumes</legend>
            {deletable.map((l) => (
              <label key={l.path} className="flex items-start gap-2 rounded-md p-1.5 hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
                <input type="checkbox" checked={picked.has(l.path)} onChange={() => toggle(l.path)} className="mt-0.5 size-4 accent-red-600" aria-label={`Delete this volume too: ${l.path}`} />
                <span className="min-w-0">
                  <span className="block font-mono text-xs break-all text-zinc-800 dark:text-zinc-200">{l.path}</span>
                  <span className="block text-xs text-zinc-500">
                    {layerLabel(l)}
                    {l.depth > 0 || l.cdrom || l.shared ? ' · nothing else uses it now' : ''}
                  </span>
                </span>
              </label>
            ))}
            <p className="pt-1 text-xs text-zinc-500">Checked volumes are deleted for good; unchecked ones stay in their pool.</p>
          </fieldset>
        ) : null}
        {kept.length > 0 ? (
          <section aria-label="Volumes kept">
            <h3 className="mb-1 font-medium text-zinc-800 dark:text-zinc-200">Kept whatever you choose</h3>
            <ul className="space-y-1">
              {kept.map((l) => (
                <KeptLayer key={l.path} layer={l} />
              ))}
            </ul>
          </section>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
