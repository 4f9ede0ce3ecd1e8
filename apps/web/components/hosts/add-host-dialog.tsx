'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CheckCircle2, Plus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '~/lib/trpc';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { errorMessage, fieldError } from '~/lib/trpc-errors';
import { Field } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';

/** Name and URI of a new host; "Test connection" asks the daemon before anything is saved. */
export function AddHostDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [uri, setUri] = useState('');
  const test = useMutation(trpc.host.test.mutationOptions());
  const add = useMutation(
    trpc.host.add.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.host.pathKey() });
        setOpen(false);
      },
    }),
  );
  const reset = () => {
    setName('');
    setUri('');
    test.reset();
    add.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ name, uri });
  };
  return (
    <>
      <Button
        variant="primary"
        onClick={() => {
          reset();
          setOpen(true);
        }}
      >
        <Plus className="size-4" aria-hidden />
        Add host
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title="Add host" description="A libvirt daemon this dashboard should manage.">
        <form onSubmit={submit} className="space-y-3" aria-label="Add host">
          <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={64} placeholder="rack-3" error={fieldError(add.error, 'name')} autoFocus />
          <Field
            label="URI"
            value={uri}
            onChange={(e) => {
              setUri(e.target.value);
              test.reset();
            }}
            required
            placeholder="qemu+ssh://root@host/system"
            className="font-mono"
            error={fieldError(add.error, 'uri') ?? fieldError(test.error, 'uri')}
            hint="qemu:///system, qemu+ssh://user@host/system, qemu+tls://host/system"
          />
          {test.isSuccess ? (
            <p role="status" className="flex items-start gap-2 rounded-md bg-emerald-50 p-2 text-sm text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
              <CheckCircle2 className="mt-0.5 size-4 shrink-0" aria-hidden />
              <span>
                Connected to <strong>{test.data.hostname}</strong>: libvirt {test.data.libvirtVersion}, {test.data.hypervisor.type}{' '}
                {test.data.hypervisor.version}
              </span>
            </p>
          ) : null}
          <FormError message={test.isError && !fieldError(test.error, 'uri') ? `Test failed: ${errorMessage(test.error)}` : null} />
          <FormError message={add.isError && !fieldError(add.error, 'name') && !fieldError(add.error, 'uri') ? errorMessage(add.error) : null} />
          <div className="flex justify-between gap-2 pt-2">
            <Button disabled={uri.trim() === '' || test.isPending} onClick={() => test.mutate({ uri })}>
              {test.isPending ? 'Testing…' : 'Test connection'}
            </Button>
            <Button type="submit" variant="primary" disabled={add.isPending}>
              {add.isPending ? 'Adding…' : 'Add host'}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
