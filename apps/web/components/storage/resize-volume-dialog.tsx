'use client';
import { useMutation } from '@tanstack/react-query';
import { MoveDiagonal } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '~/lib/trpc';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { errorMessage } from '~/lib/trpc-errors';
import { Field } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { formatBytes, parseSize } from '~/lib/format';
import type { Volume } from './types';
import { useStorageInvalidate } from './use-storage-invalidate';

export function ResizeVolumeDialog({ hostId, volume }: { hostId: string; volume: Volume }) {
  const trpc = useTRPC();
  const invalidate = useStorageInvalidate();
  const [open, setOpen] = useState(false);
  const [size, setSize] = useState('');
  const resize = useMutation(
    trpc.storage.volume.resize.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        setOpen(false);
      },
    }),
  );
  const bytes = parseSize(size);
  const shrink = bytes !== null && bytes < volume.capacity;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (bytes !== null) resize.mutate({ hostId, pool: volume.pool, name: volume.name, capacityBytes: bytes, shrink });
  };
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        title="Resize"
        aria-label={`Resize ${volume.name}`}
        onClick={() => {
          setSize('');
          resize.reset();
          setOpen(true);
        }}
      >
        <MoveDiagonal className="size-3.5" aria-hidden />
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Resize ${volume.name}`} description={`Now ${formatBytes(volume.capacity)}.`}>
        <form onSubmit={submit} className="space-y-3" aria-label="Resize volume">
          <Field label="New capacity" value={size} onChange={(e) => setSize(e.target.value)} required placeholder="e.g. 40G" error={size && bytes === null ? 'a size such as 40G' : undefined} autoFocus />
          {shrink ? (
            <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
              This shrinks the volume by {formatBytes(volume.capacity - bytes)}: data at the end of the disk is lost.
            </p>
          ) : null}
          <FormError message={resize.isError ? errorMessage(resize.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant={shrink ? 'danger' : 'primary'} disabled={resize.isPending || bytes === null}>
              {shrink ? 'Shrink' : 'Resize'}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
