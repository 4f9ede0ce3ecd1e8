'use client';
// Attaching a NIC: to the running VM and its definition at once. The contract's schema checks
// each field before sending; what the host refuses (a MAC in use, a missing network) comes back
// next to its field, anything else under the form with the state the VM is left in.
import { useMutation } from '@tanstack/react-query';
import { attachNicSchema, NIC_MODELS } from '@virtdeck/contract/nic';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { Field, SelectField } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { formErrors } from '../edit/form-errors';
import { NicSourceFields, sourceInput, type SourceForm } from './nic-source-fields';
import { useAfterNicChange } from './use-after-nic-change';

const MODELS = NIC_MODELS.map((m) => ({ value: m, label: m }));

export function AttachNicDialog({ hostId, uuid, running }: { hostId: string; uuid: string; running: boolean }) {
  const trpc = useTRPC();
  const after = useAfterNicChange(hostId, uuid);
  const [open, setOpen] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [source, setSource] = useState<SourceForm>({ kind: 'network', network: '', bridge: '' });
  const [model, setModel] = useState<(typeof NIC_MODELS)[number]>('virtio');
  const [mac, setMac] = useState('');
  const attach = useMutation(
    trpc.domain.nics.attach.mutationOptions({
      onSuccess: (result) => {
        setOpen(false);
        after(`NIC ${result.mac} attached`, result);
      },
    }),
  );
  const input = { hostId, uuid, source: sourceInput(source), model, ...(mac.trim() ? { mac } : {}) };
  const errors = formErrors(attachNicSchema, input, submitted, attach.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (attachNicSchema.safeParse(input).success) attach.mutate(input);
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
        Attach NIC…
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title="Attach a NIC" description={running ? 'Plugged into the running VM and added to its definition.' : 'Added to the definition: the VM has it from its next start.'}>
        <form onSubmit={submit} className="space-y-3" aria-label="Attach a NIC" noValidate>
          <NicSourceFields hostId={hostId} value={source} onChange={setSource} error={errors.source} />
          <SelectField label="Model" value={model} options={MODELS} onChange={(e) => setModel(e.target.value as typeof model)} error={errors.model} />
          <Field label="MAC address" value={mac} onChange={(e) => setMac(e.target.value)} error={errors.mac} hint="Empty: a new one in 52:54:00, the same live and in the definition." placeholder="52:54:00:…" />
          <FormError message={attach.isError && Object.keys(errors).length === 0 ? errorMessage(attach.error) : null} />
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
