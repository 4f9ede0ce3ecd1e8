'use client';
// Delete a VM: a dialog listing every disk layer with "delete this volume too" (the VM's own top
// layers checked, backing bases and media unchecked and marked as possibly shared).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '~/lib/trpc';
import { deletableLayers } from '~/lib/vm-delete';
import { errorMessage } from '~/lib/trpc-errors';
import type { DomainDisk } from '~/lib/vm-types';
import { Button } from '@virtdeck/ui';
import { ConfirmDialog } from '../../common/confirm-dialog';

export function DeleteVmDialog({ hostId, uuid, name, running, disks }: { hostId: string; uuid: string; name: string; running: boolean; disks: DomainDisk[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const layers = deletableLayers(disks);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const remove = useMutation(
    trpc.domain.delete.mutationOptions({
      onSuccess: (res) => {
        if (res.volumesFailed.length === 0) toast.success(`Deleted ${name}`, { description: res.volumesDeleted.length ? `and ${res.volumesDeleted.length} volume(s)` : undefined });
        else toast.warning(`Deleted ${name}, but some volumes remain`, { description: res.volumesFailed.map((f) => `${f.path}: ${f.error}`).join('\n') });
        void queryClient.invalidateQueries({ queryKey: trpc.domain.list.queryKey({ hostId }) });
        queryClient.removeQueries({ queryKey: trpc.domain.get.queryKey({ hostId, uuid }) });
        setOpen(false);
        router.push('/vms');
      },
      onError: (e) => toast.error(`Could not delete ${name}`, { description: errorMessage(e) }),
    }),
  );

  const openDialog = () => {
    setChosen(new Set(layers.filter((l) => l.defaultChecked).map((l) => l.path)));
    setOpen(true);
  };
  const toggle = (path: string) =>
    setChosen((s) => {
      const next = new Set(s);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

  return (
    <>
      <Button size="sm" variant="danger-outline" onClick={openDialog}>
        <Trash2 aria-hidden className="size-3.5" /> Delete
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Delete ${name}?`}
        confirmLabel={chosen.size > 0 ? `Delete VM and ${chosen.size} volume${chosen.size === 1 ? '' : 's'}` : 'Delete VM'}
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ hostId, uuid, deleteVolumes: layers.filter((l) => chosen.has(l.path)).map((l) => l.path) })}
      >
        <p>
          The definition of <strong className="text-zinc-900 dark:text-zinc-100">{name}</strong> is removed with its snapshot metadata.
          {running ? ' It is running and will be forced off first: unsaved data in the guest is lost.' : ''}
        </p>
        {layers.length === 0 ? (
          <p>It has no disk volumes.</p>
        ) : (
          <fieldset className="space-y-1">
            <legend className="mb-1 font-medium text-zinc-800 dark:text-zinc-200">Disk volumes</legend>
            {layers.map((l) => (
              <label key={l.path} className="flex items-start gap-2 rounded-md p-1.5 hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
                <input type="checkbox" checked={chosen.has(l.path)} onChange={() => toggle(l.path)} className="mt-0.5 size-4 accent-red-600" aria-label={`Delete this volume too: ${l.path}`} />
                <span className="min-w-0">
                  <span className="block font-mono text-xs break-all text-zinc-800 dark:text-zinc-200">{l.path}</span>
                  <span className="block text-xs text-zinc-500">
                    {l.disk} · {l.depth === 0 ? 'active layer' : `backing layer ${l.depth}`}
                    {l.format ? ` · ${l.format}` : ''}
                    {l.shared ? (
                      <span className="ml-1 rounded bg-amber-50 px-1 text-amber-700 dark:bg-amber-950 dark:text-amber-300">{l.cdrom ? 'media, possibly shared' : 'possibly shared by other VMs'}</span>
                    ) : null}
                  </span>
                </span>
              </label>
            ))}
            <p className="pt-1 text-xs text-zinc-500">Checked volumes are deleted for good; unchecked ones stay in their pool.</p>
          </fieldset>
        )}
      </ConfirmDialog>
    </>
  );
}
