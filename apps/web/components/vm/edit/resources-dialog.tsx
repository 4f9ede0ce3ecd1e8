'use client';
// vCPUs and memory, current and maximum. Checked with the contract's schema as you save; the
// answer says which values the running VM took now and which wait for the next boot.
import { useMutation } from '@tanstack/react-query';
import { setResourcesSchema } from '@virtdeck/contract/domain-edit';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { Field } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { formErrors } from './form-errors';
import { useAfterEdit } from './use-edit-mutation';
import type { DomainSettings } from './settings-types';

const toNumber = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

export function ResourcesDialog({ hostId, uuid, config, running }: { hostId: string; uuid: string; config: DomainSettings; running: boolean }) {
  const trpc = useTRPC();
  const afterEdit = useAfterEdit(hostId, uuid);
  const [open, setOpen] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const initial = () => ({
    vcpus: String(config.vcpus),
    maxVcpus: String(config.maxVcpus),
    memoryMiB: String(Math.round(config.memoryKiB / 1024)),
    maxMemoryMiB: String(Math.round(config.maxMemoryKiB / 1024)),
  });
  const [form, setForm] = useState(initial);
  const save = useMutation(
    trpc.domain.edit.resources.mutationOptions({
      onSuccess: (result) => {
        setOpen(false);
        afterEdit(result);
      },
    }),
  );
  const input = { hostId, uuid, vcpus: toNumber(form.vcpus), maxVcpus: toNumber(form.maxVcpus), memoryMiB: toNumber(form.memoryMiB), maxMemoryMiB: toNumber(form.maxMemoryMiB) };
  const errors = formErrors(setResourcesSchema, input, submitted, save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (setResourcesSchema.safeParse(input).success) save.mutate(input);
  };
  const field = (key: keyof typeof form, label: string, hint: string) => (
    <Field label={label} inputMode="numeric" value={form[key]} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} error={errors[key]} hint={hint} />
  );
  const fieldErrorShown = Object.keys(errors).some((k) => k in form);
  return (
    <>
      <Button
        size="sm"
        onClick={() => {
          setForm(initial());
          setSubmitted(false);
          save.reset();
          setOpen(true);
        }}
      >
        Edit CPU and memory…
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title="CPU and memory"
        description={
          running
            ? 'The running VM takes new vCPUs and memory now where QEMU and the guest allow it; maximums, and anything refused, apply at the next boot.'
            : 'The VM is off: the new values apply when it next starts.'
        }
      >
        <form onSubmit={submit} className="space-y-3" aria-label="CPU and memory" noValidate>
          <div className="grid grid-cols-2 gap-3">
            {field('vcpus', 'vCPUs', 'online now')}
            {field('maxVcpus', 'Maximum vCPUs', 'the hot-plug limit')}
            {field('memoryMiB', 'Memory, MiB', 'the balloon target')}
            {field('maxMemoryMiB', 'Maximum memory, MiB', 'fixed while it runs')}
          </div>
          <FormError message={save.isError && !fieldErrorShown ? errorMessage(save.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" pending={save.isPending}>
              Save
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
