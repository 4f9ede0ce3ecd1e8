'use client';
// Title and description: plain text, applied live and to the definition at once.
import { useMutation } from '@tanstack/react-query';
import { setTitleSchema } from '@virtdeck/contract/domain-edit';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { Field, FieldShell, fieldProps, inputStyle } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { formErrors } from './form-errors';
import { useAfterEdit } from './use-edit-mutation';
import type { DomainSettings } from './settings-types';

export function TitleDialog({ hostId, uuid, config }: { hostId: string; uuid: string; config: DomainSettings }) {
  const trpc = useTRPC();
  const afterEdit = useAfterEdit(hostId, uuid);
  const descriptionId = useId();
  const [open, setOpen] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [title, setTitle] = useState(config.title);
  const [description, setDescription] = useState(config.description);
  const save = useMutation(
    trpc.domain.edit.title.mutationOptions({
      onSuccess: (result) => {
        setOpen(false);
        afterEdit(result);
      },
    }),
  );
  const input = { hostId, uuid, title, description };
  const errors = formErrors(setTitleSchema, input, submitted, save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (setTitleSchema.safeParse(input).success) save.mutate(input);
  };
  return (
    <>
      <Button
        size="sm"
        onClick={() => {
          setTitle(config.title);
          setDescription(config.description);
          setSubmitted(false);
          save.reset();
          setOpen(true);
        }}
      >
        Edit title and description…
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title="Title and description" description="Shown in lists and on this page. Applied at once, live and in the definition.">
        <form onSubmit={submit} className="space-y-3" aria-label="Title and description" noValidate>
          <Field label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} hint="One line; empty removes it." />
          <FieldShell id={descriptionId} label="Description" error={errors.description} hint="Free text; empty removes it.">
            <textarea {...fieldProps(descriptionId, errors.description)} rows={5} value={description} onChange={(e) => setDescription(e.target.value)} className={`${inputStyle} h-auto py-1`} />
          </FieldShell>
          <FormError message={save.isError && !errors.title && !errors.description ? errorMessage(save.error) : null} />
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
