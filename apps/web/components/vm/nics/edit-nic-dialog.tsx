'use client';
// Changing a NIC's connection, model and MAC. The definition always takes them; a running VM
// takes a new connection live where libvirt can, and a new model or MAC at its next start, which
// the result says.
import { useMutation } from '@tanstack/react-query';
import { NIC_MODELS, updateNicSchema } from '@virtdeck/contract/nic';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { Field, SelectField } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import type { DomainNic } from '~/lib/vm-types';
import { formErrors } from '../edit/form-errors';
import { NicSourceFields, sourceInput, type SourceForm } from './nic-source-fields';
import { useAfterNicChange } from './use-after-nic-change';

const MODELS = NIC_MODELS.map((m) => ({ value: m, label: m }));
type Model = (typeof NIC_MODELS)[number];

const sourceOf = (nic: DomainNic): SourceForm => ({
  kind: nic.type === 'network' ? 'network' : nic.type === 'bridge' ? 'bridge' : 'user',
  network: nic.source.network ?? '',
  bridge: nic.source.bridge ?? '',
});

export function EditNicDialog({ hostId, uuid, nic }: { hostId: string; uuid: string; nic: DomainNic & { mac: string } }) {
  const trpc = useTRPC();
  const after = useAfterNicChange(hostId, uuid);
  const [open, setOpen] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [source, setSource] = useState<SourceForm>(sourceOf(nic));
  const [model, setModel] = useState<Model>('virtio');
  const [mac, setMac] = useState(nic.mac);
  const update = useMutation(
    trpc.domain.nics.update.mutationOptions({
      onSuccess: (result) => {
        setOpen(false);
        after(`NIC ${result.mac} changed`, result);
      },
    }),
  );
  const input = { hostId, uuid, mac: nic.mac, source: sourceInput(source), model, ...(mac.trim().toLowerCase() !== nic.mac ? { newMac: mac } : {}) };
  const errors = formErrors(updateNicSchema, input, submitted, update.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (updateNicSchema.safeParse(input).success) update.mutate(input);
  };
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Edit NIC ${nic.mac}`}
        onClick={() => {
          setSource(sourceOf(nic));
          setModel((NIC_MODELS as readonly string[]).includes(nic.model ?? '') ? (nic.model as Model) : 'virtio');
          setMac(nic.mac);
          setSubmitted(false);
          update.reset();
          setOpen(true);
        }}
      >
        Edit…
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`NIC ${nic.mac}`} description="Saved to the definition; a running VM takes a new connection at once where it can, a new model or MAC at its next start.">
        <form onSubmit={submit} className="space-y-3" aria-label="Edit NIC" noValidate>
          <NicSourceFields hostId={hostId} value={source} onChange={setSource} error={errors.source} />
          <SelectField label="Model" value={model} options={MODELS} onChange={(e) => setModel(e.target.value as Model)} error={errors.model} />
          <Field label="MAC address" value={mac} onChange={(e) => setMac(e.target.value)} error={errors.newMac} />
          <FormError message={update.isError && Object.keys(errors).length === 0 ? errorMessage(update.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" pending={update.isPending}>
              Save
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
