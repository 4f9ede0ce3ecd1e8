'use client';
// Delete a snapshot, with its children or only libvirt's record of it. What libvirt would refuse
// (an external snapshot it cannot merge here) is asked before and said with its reason; the
// button stays off until the BFF says yes.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { FormError } from '@virtdeck/ui/form-error';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import type { SnapshotNode } from '~/lib/vm-types';
import { useSnapshotInvalidate } from './use-snapshot-invalidate';

function descendants(node: SnapshotNode): string[] {
  return node.children.flatMap((c) => [c.snapshot.name, ...descendants(c as SnapshotNode)]);
}

export function DeleteSnapshotDialog({ hostId, uuid, node }: { hostId: string; uuid: string; node: SnapshotNode }) {
  const trpc = useTRPC();
  const invalidate = useSnapshotInvalidate(hostId, uuid);
  const s = node.snapshot;
  const [open, setOpen] = useState(false);
  const [children, setChildren] = useState(false);
  const [metadataOnly, setMetadataOnly] = useState(false);
  const verdict = useQuery({
    ...trpc.snapshot.check.queryOptions({ hostId, uuid, action: 'delete', name: s.name, children, metadataOnly }),
    enabled: open,
    staleTime: 0,
  });
  const remove = useMutation(
    trpc.snapshot.delete.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        await invalidate();
      },
    }),
  );
  const below = descendants(node);
  const gone = children ? [s.name, ...below] : [s.name];
  return (
    <>
      <Button
        size="sm"
        variant="danger-ghost"
        aria-label={`Delete snapshot ${s.name}`}
        onClick={() => {
          setChildren(false);
          setMetadataOnly(false);
          remove.reset();
          setOpen(true);
        }}
      >
        <Trash2 className="size-3.5" aria-hidden />
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Delete snapshot ${s.name}?`}>
        <div className="space-y-3 text-sm">
          {below.length > 0 ? (
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={children} onChange={(e) => setChildren(e.target.checked)} className="accent-[var(--color-accent)]" />
              Also its {below.length} newer snapshot{below.length === 1 ? '' : 's'} ({below.join(', ')})
            </label>
          ) : null}
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={metadataOnly} onChange={(e) => setMetadataOnly(e.target.checked)} className="accent-[var(--color-accent)]" />
            Only libvirt&apos;s record (keep the disk state and overlays as they are)
          </label>
          <div data-testid="delete-loses">
            {metadataOnly ? (
              <p>
                libvirt forgets {gone.join(', ')}; {s.external ? 'the overlay files stay in the disk chain' : 'the saved state stays inside the qcow2 images'} and can no longer be reverted to from here.
              </p>
            ) : s.external ? (
              <p>
                The overlay {s.name} created is merged into its backing image (a block commit): the VM&apos;s current data is kept, the point in time {gone.join(', ')} is lost.
              </p>
            ) : (
              <p>The saved disk{s.state === 'running' ? ' and memory' : ''} state of {gone.join(', ')} is deleted for good; the VM as it is now is kept.</p>
            )}
          </div>
          {verdict.data && !verdict.data.ok ? <FormError message={`libvirt would refuse this: ${verdict.data.reason ?? ''}`} /> : null}
          {verdict.isError ? <FormError message={errorMessage(verdict.error)} /> : null}
          <FormError message={remove.isError ? errorMessage(remove.error) : null} />
          <div className="flex justify-end gap-2 pt-1">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button variant="danger" disabled={remove.isPending || !verdict.data?.ok} onClick={() => remove.mutate({ hostId, uuid, name: s.name, children, metadataOnly })}>
              {remove.isPending ? 'Deleting…' : `Delete ${s.name}`}
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
