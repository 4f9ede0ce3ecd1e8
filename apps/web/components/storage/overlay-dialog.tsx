'use client';
import { useMutation } from '@tanstack/react-query';
import { Layers } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '~/lib/trpc';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { errorMessage, fieldError } from '~/lib/trpc-errors';
import { Field } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { formatBytes, parseSize } from '~/lib/format';
import type { Volume } from './types';
import { useStorageInvalidate } from './use-storage-invalidate';

const stem = (name: string) => name.replace(/\.(qcow2|raw|img)$/i, '');

/**
 * A qcow2 overlay (linked clone) on this volume: the base stays read-only underneath. With a
 * `label` the trigger shows it beside the icon (the VM's chain tree), else it is an icon button.
 */
export function OverlayDialog({ hostId, base, label }: { hostId: string; base: Pick<Volume, 'pool' | 'name' | 'capacity'>; label?: string }) {
  const trpc = useTRPC();
  const invalidate = useStorageInvalidate();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [size, setSize] = useState('');
  const create = useMutation(
    trpc.storage.volume.createOverlay.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        setOpen(false);
      },
    }),
  );
  const bytes = size.trim() === '' ? undefined : parseSize(size);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (bytes === null) return;
    create.mutate({ hostId, pool: base.pool, name, backing: { name: base.name }, ...(bytes !== undefined && { capacityBytes: bytes }) });
  };
  const nameErr = fieldError(create.error, 'name');
  return (
    <>
      <Button
        size="sm"
        variant={label ? 'secondary' : 'ghost'}
        title="Create an overlay (linked clone)"
        aria-label={label ? `${label} on ${base.name}` : `Create an overlay on ${base.name}`}
        onClick={() => {
          setName(`${stem(base.name)}-overlay.qcow2`);
          setSize('');
          create.reset();
          setOpen(true);
        }}
      >
        <Layers className="size-3.5" aria-hidden />
        {label}
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Overlay on ${base.name}`} description="A qcow2 linked clone: reads fall through to the base, writes stay in the overlay.">
        <form onSubmit={submit} className="space-y-3" aria-label="Create overlay">
          <Field label="Overlay name" value={name} onChange={(e) => setName(e.target.value)} required error={nameErr} autoFocus />
          <Field
            label="Capacity (optional)"
            value={size}
            onChange={(e) => setSize(e.target.value)}
            placeholder={formatBytes(base.capacity)}
            error={bytes === null ? 'a size such as 20G' : fieldError(create.error, 'capacityBytes')}
            hint={`Defaults to the base's ${formatBytes(base.capacity)}.`}
          />
          <FormError message={create.isError && !nameErr ? errorMessage(create.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={create.isPending || bytes === null}>
              Create overlay
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
