'use client';
// Attach a disk: a new volume made in a pool (name, size, format), or an existing pool volume;
// the bus, modes and flags. Images are chosen as pool + volume: the BFF finds the path.
import { useMutation } from '@tanstack/react-query';
import { attachDiskSchema, type DiskOptionsInput } from '@virtdeck/contract/disk';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { Field, SelectField } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { PoolSelect } from '../create/pool-select';
import { VolumeSelect } from '../create/volume-select';
import { DiskOptionsFields } from './disk-options-fields';
import { diskFormErrors, refusedField } from './disk-form-errors';
import { BUS_OPTIONS, FORMAT_OPTIONS } from './mode-options';
import { useAfterDiskChange } from './use-after-disk-change';

const DEFAULT_OPTIONS: DiskOptionsInput = { cache: 'default', io: 'default', discard: 'default', readonly: false, shareable: false };

export function AttachDiskDialog({ hostId, uuid, running }: { hostId: string; uuid: string; running: boolean }) {
  const trpc = useTRPC();
  const after = useAfterDiskChange(hostId, uuid);
  const poolId = useId();
  const volumeId = useId();
  const [open, setOpen] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [kind, setKind] = useState<'new' | 'existing'>('new');
  const [pool, setPool] = useState('');
  const [volume, setVolume] = useState('');
  const [capacity, setCapacity] = useState('10');
  const [format, setFormat] = useState<'qcow2' | 'raw'>('qcow2');
  const [bus, setBus] = useState<(typeof BUS_OPTIONS)[number]['value']>('virtio');
  const [options, setOptions] = useState(DEFAULT_OPTIONS);
  const attach = useMutation(
    trpc.domain.disks.attach.mutationOptions({
      onSuccess: (result) => {
        setOpen(false);
        after(`Disk ${result.disk} attached`, result);
      },
    }),
  );
  const source =
    kind === 'new' ? { kind, pool, volume, capacityGiB: capacity.trim() === '' ? Number.NaN : Number(capacity), format } : { kind, pool, volume };
  const input = { hostId, uuid, bus, ...options, source };
  const errors = diskFormErrors(attachDiskSchema, input, submitted);
  const refused = attach.error ? refusedField(errorMessage(attach.error), ['volume', 'pool', 'capacityGiB']) : null;
  if (refused) errors[`source.${refused.field}`] ??= refused.message;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    attach.reset();
    if (attachDiskSchema.safeParse(input).success) attach.mutate(input as Parameters<typeof attach.mutate>[0]);
  };
  return (
    <>
      <Button
        size="sm"
        onClick={() => {
          setSubmitted(false);
          attach.reset();
          setOpen(true);
        }}
      >
        Attach disk…
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title="Attach a disk"
        description={running ? 'The running VM gets it at once (hot-plug), and its definition too.' : 'Added to the definition; the VM has it at its next start.'}
        wide
      >
        <form onSubmit={submit} className="space-y-3" aria-label="Attach a disk" noValidate>
          <div role="radiogroup" aria-label="Volume" className="flex gap-4 text-sm">
            {(['new', 'existing'] as const).map((k) => (
              <label key={k} className="flex items-center gap-1.5">
                <input type="radio" name="disk-source" checked={kind === k} onChange={() => setKind(k)} /> {k === 'new' ? 'New volume' : 'Existing volume'}
              </label>
            ))}
          </div>
          <div className="grid grid-cols-2 gap-2">
            <PoolSelect id={poolId} label="Pool" hostId={hostId} value={pool} onChange={setPool} error={errors['source.pool']} />
            {kind === 'new' ? (
              <Field label="Volume name" value={volume} onChange={(e) => setVolume(e.target.value)} error={errors['source.volume']} hint="e.g. data.qcow2" />
            ) : (
              <VolumeSelect id={volumeId} label="Volume" hostId={hostId} pool={pool} value={volume} onChange={setVolume} error={errors['source.volume']} />
            )}
          </div>
          {kind === 'new' ? (
            <div className="grid grid-cols-2 gap-2">
              <Field label="Size (GiB)" inputMode="decimal" value={capacity} onChange={(e) => setCapacity(e.target.value)} error={errors['source.capacityGiB']} />
              <SelectField label="Format" options={FORMAT_OPTIONS} value={format} onChange={(e) => setFormat(e.target.value as 'qcow2' | 'raw')} error={errors['source.format']} />
            </div>
          ) : null}
          <SelectField label="Bus" options={BUS_OPTIONS} value={bus} onChange={(e) => setBus(e.target.value as typeof bus)} error={errors.bus} />
          <DiskOptionsFields value={options} onChange={setOptions} errors={errors} />
          <FormError message={attach.isError && !refused ? errorMessage(attach.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" pending={attach.isPending}>
              Attach
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
