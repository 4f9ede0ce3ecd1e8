'use client';
// Block copy into a new volume: the user picks a directory pool and names the volume; the server
// derives the file path from the pool, so no host path is typed here. The job then mirrors the
// disk until the user pivots onto the copy or cancels.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Copy } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { errorMessage, fieldError } from '~/lib/trpc-errors';
import { Field, SelectField } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { useTRPC } from '~/lib/trpc';

const FORMATS = [
  { value: 'qcow2', label: 'qcow2 (thin)' },
  { value: 'raw', label: 'raw (sparse file)' },
] as const;
// Pools whose target is a directory the copy's file can be created in (as the server checks).
const DIRECTORY_POOLS = new Set(['dir', 'fs', 'netfs']);

/** The server prefixes a refusal it finds itself (pool missing, name taken) with the field. */
function serverFieldError(e: unknown, field: string): string | undefined {
  const zod = fieldError(e, field);
  if (zod) return zod;
  const message = e instanceof Error ? e.message : '';
  return message.startsWith(`${field}: `) ? message.slice(field.length + 2) : undefined;
}

interface Props {
  hostId: string;
  uuid: string;
  vmName: string;
  disk: string;
  disabled: boolean;
  onStarted: () => void;
}

export function CopyDialog({ hostId, uuid, vmName, disk, disabled, onStarted }: Props) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const pools = useQuery(trpc.storage.pool.list.queryOptions({ hostId }, { enabled: open }));
  const choices = (pools.data ?? []).filter((p) => p.state === 'running' && DIRECTORY_POOLS.has(p.type));
  const [pool, setPool] = useState('');
  const [name, setName] = useState('');
  const [format, setFormat] = useState<'qcow2' | 'raw'>('qcow2');
  const [limit, setLimit] = useState('');
  const copy = useMutation(
    trpc.blockJob.copy.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        onStarted();
      },
    }),
  );
  const chosenPool = pool || choices[0]?.name || '';
  const bandwidth = limit.trim() === '' ? undefined : Number(limit);
  const limitErr = bandwidth !== undefined && !(Number.isInteger(bandwidth) && bandwidth > 0) ? 'a whole number of MiB/s, or empty for no limit' : fieldError(copy.error, 'bandwidthMiBps');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (limitErr) return;
    copy.mutate({ hostId, uuid, disk, pool: chosenPool, name, format, ...(bandwidth !== undefined && { bandwidthMiBps: bandwidth }) });
  };
  const nameErr = serverFieldError(copy.error, 'name');
  const poolErr = serverFieldError(copy.error, 'pool');
  return (
    <>
      <button
        type="button"
        disabled={disabled}
        onClick={() => {
          setName(`${vmName}-${disk}-copy.qcow2`);
          setFormat('qcow2');
          setLimit('');
          copy.reset();
          setOpen(true);
        }}
        className="inline-flex items-center gap-1 rounded-md border border-zinc-300 px-2 py-1 text-xs disabled:opacity-50 dark:border-zinc-700"
        title="Mirror the whole disk (every layer, flattened) into a new volume, then pivot onto it"
      >
        <Copy aria-hidden className="size-3" /> Copy to a new volume…
      </button>
      <Dialog open={open} onOpenChange={setOpen} title={`Copy ${disk} to a new volume`} description="The copy holds the whole chain flattened. It stays in sync with the running VM until you pivot onto it or cancel.">
        <form onSubmit={submit} className="space-y-3" aria-label="Block copy">
          {pools.isError ? <FormError message={`Could not list pools: ${errorMessage(pools.error)}`} /> : null}
          <SelectField
            label="Pool"
            value={chosenPool}
            onChange={(e) => setPool(e.target.value)}
            options={choices.map((p) => ({ value: p.name, label: `${p.name} (${p.targetPath ?? p.type})` }))}
            error={poolErr ?? (pools.isSuccess && choices.length === 0 ? 'no running directory pool (dir, fs or netfs) on this host' : undefined)}
          />
          <Field label="Volume name" value={name} onChange={(e) => setName(e.target.value)} required error={nameErr} />
          <SelectField label="Format" value={format} onChange={(e) => setFormat(e.target.value as 'qcow2' | 'raw')} options={FORMATS} />
          <Field label="Speed limit, MiB/s (optional)" inputMode="numeric" value={limit} onChange={(e) => setLimit(e.target.value)} error={limitErr} hint="Spare the host's disks on a busy machine; empty: no limit." />
          <FormError message={copy.isError && !nameErr && !poolErr ? errorMessage(copy.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={copy.isPending || !chosenPool || Boolean(limitErr)}>
              Start copy
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
