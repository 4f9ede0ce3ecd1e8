'use client';
// "Take snapshot": internal (inside the qcow2 images, with the running guest's memory), external
// disk-only (a new overlay per disk) or external with memory (running guests). A kind libvirt would
// refuse here is disabled with the reason the BFF gives.
import { useMutation } from '@tanstack/react-query';
import { Camera } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { snapshotNameSchema } from '@virtdeck/contract/snapshot';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { Field } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { useTRPC } from '~/lib/trpc';
import { errorMessage, fieldError } from '~/lib/trpc-errors';
import type { SnapshotTree } from '~/lib/vm-types';
import { useSnapshotInvalidate } from './use-snapshot-invalidate';

type Kind = 'internal' | 'disk-only' | 'external';

export function TakeSnapshotDialog({ hostId, uuid, tree }: { hostId: string; uuid: string; tree: SnapshotTree }) {
  const trpc = useTRPC();
  const invalidate = useSnapshotInvalidate(hostId, uuid);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('internal');
  const [description, setDescription] = useState('');
  const [localError, setLocalError] = useState<string | undefined>();
  const create = useMutation(
    trpc.snapshot.create.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        setOpen(false);
      },
    }),
  );
  const kinds: { value: Kind; label: string; hint: string; verdict: { ok: boolean; reason: string | null } }[] = [
    {
      value: 'internal',
      label: 'Internal',
      hint: tree.running ? 'disks and memory, inside the qcow2 images' : 'disks, inside the qcow2 images (a shut-off guest has no memory)',
      verdict: tree.can.createInternal,
    },
    { value: 'disk-only', label: 'External, disk only', hint: 'each disk switches to a new overlay; no memory', verdict: tree.can.createDiskOnly },
    { value: 'external', label: 'External with memory', hint: 'new overlays and the RAM saved to a file', verdict: tree.can.createExternal },
  ];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = snapshotNameSchema.safeParse(name);
    setLocalError(parsed.success ? undefined : parsed.error.issues[0]?.message);
    if (!parsed.success) return;
    create.mutate({
      hostId,
      uuid,
      name: parsed.data,
      kind,
      ...(kind === 'internal' && { memory: tree.running }),
      ...(description !== '' && { description }),
    });
  };
  const firstOk = kinds.find((k) => k.verdict.ok)?.value ?? 'internal';
  const known = ['name', 'description'];
  return (
    <>
      <Button
        size="sm"
        variant="primary"
        onClick={() => {
          setName('');
          setDescription('');
          setKind(firstOk);
          setLocalError(undefined);
          create.reset();
          setOpen(true);
        }}
      >
        <Camera className="size-3.5" aria-hidden /> Take snapshot
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title="Take a snapshot">
        <form onSubmit={submit} className="space-y-3" aria-label="Take snapshot">
          <Field label="Snapshot name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus error={localError ?? fieldError(create.error, 'name')} />
          <fieldset className="space-y-1.5">
            <legend className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">Kind</legend>
            {kinds.map((k) => (
              <label key={k.value} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="kind"
                  value={k.value}
                  checked={kind === k.value}
                  disabled={!k.verdict.ok}
                  onChange={() => setKind(k.value)}
                  className="mt-1 accent-[var(--color-accent)]"
                />
                <span>
                  {k.label} <span className="text-xs text-zinc-500">— {k.hint}</span>
                  {!k.verdict.ok ? (
                    <span className="block text-xs text-amber-700 dark:text-amber-300" data-testid={`kind-refused-${k.value}`}>
                      {k.verdict.reason}
                    </span>
                  ) : null}
                </span>
              </label>
            ))}
          </fieldset>
          <Field label="Description (optional)" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1000} error={fieldError(create.error, 'description')} />
          <FormError message={create.isError && !known.some((k) => fieldError(create.error, k)) ? errorMessage(create.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={create.isPending || !kinds.find((k) => k.value === kind)?.verdict.ok}>
              {create.isPending ? 'Taking…' : 'Take snapshot'}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
