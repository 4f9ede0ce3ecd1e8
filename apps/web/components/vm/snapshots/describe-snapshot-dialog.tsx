'use client';
// Edit a snapshot's description (libvirt redefines it from its own XML; nothing else changes).
import { useMutation } from '@tanstack/react-query';
import { Pencil } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { Field } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { useTRPC } from '~/lib/trpc';
import { errorMessage, fieldError } from '~/lib/trpc-errors';
import type { SnapshotNode } from '~/lib/vm-types';
import { useSnapshotInvalidate } from './use-snapshot-invalidate';

export function DescribeSnapshotDialog({ hostId, uuid, node }: { hostId: string; uuid: string; node: SnapshotNode }) {
  const trpc = useTRPC();
  const invalidate = useSnapshotInvalidate(hostId, uuid);
  const s = node.snapshot;
  const [open, setOpen] = useState(false);
  const [description, setDescription] = useState('');
  const describe = useMutation(
    trpc.snapshot.describe.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        setOpen(false);
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    describe.mutate({ hostId, uuid, name: s.name, description });
  };
  const fieldMsg = fieldError(describe.error, 'description');
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Edit the description of ${s.name}`}
        onClick={() => {
          setDescription(s.description ?? '');
          describe.reset();
          setOpen(true);
        }}
      >
        <Pencil className="size-3.5" aria-hidden />
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Description of ${s.name}`}>
        <form onSubmit={submit} className="space-y-3" aria-label="Snapshot description">
          <Field label="Description" value={description} onChange={(e) => setDescription(e.target.value)} autoFocus error={fieldMsg} />
          <FormError message={describe.isError && !fieldMsg ? errorMessage(describe.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={describe.isPending}>
              {describe.isPending ? 'Saving…' : 'Save'}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
