'use client';
import { useMutation } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '~/lib/trpc';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { errorMessage, fieldError } from '~/lib/trpc-errors';
import { Field, SelectField } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { formatBytes, parseSize } from '~/lib/format';
import { useStorageInvalidate } from './use-storage-invalidate';

const FORMATS = [
  { value: 'qcow2', label: 'qcow2 (thin, snapshots)' },
  { value: 'raw', label: 'raw (sparse file)' },
] as const;

export function CreateVolumeDialog({ hostId, pool }: { hostId: string; pool: string }) {
  const trpc = useTRPC();
  const invalidate = useStorageInvalidate();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [format, setFormat] = useState<'raw' | 'qcow2'>('qcow2');
  const [size, setSize] = useState('10G');
  const create = useMutation(
    trpc.storage.volume.create.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        setOpen(false);
      },
    }),
  );
  const bytes = parseSize(size);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (bytes !== null) create.mutate({ hostId, pool, name, format, capacityBytes: bytes });
  };
  const nameErr = fieldError(create.error, 'name');
  const sizeErr = size && bytes === null ? 'a size such as 20G or 512M' : fieldError(create.error, 'capacityBytes');
  return (
    <>
      <Button
        variant="primary"
        size="sm"
        onClick={() => {
          setName('');
          create.reset();
          setOpen(true);
        }}
      >
        <Plus className="size-3.5" aria-hidden /> Create volume
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`New volume in ${pool}`}>
        <form onSubmit={submit} className="space-y-3" aria-label="Create volume">
          <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} required placeholder={`disk.${format}`} error={nameErr} autoFocus />
          <SelectField label="Format" value={format} onChange={(e) => setFormat(e.target.value as 'raw' | 'qcow2')} options={FORMATS} />
          <Field label="Capacity" value={size} onChange={(e) => setSize(e.target.value)} required error={sizeErr} hint={bytes ? `${formatBytes(bytes)} (${bytes.toLocaleString('en-US')} bytes)` : 'e.g. 20G, 512M'} />
          <FormError message={create.isError && !nameErr && !fieldError(create.error, 'capacityBytes') ? errorMessage(create.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={create.isPending || bytes === null}>
              {create.isPending ? 'Creating…' : 'Create volume'}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
