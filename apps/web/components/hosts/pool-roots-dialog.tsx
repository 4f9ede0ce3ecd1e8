'use client';
// Edit the folders (or devices) storage pools may use on a host: one absolute path per line. A
// new pool's target and source paths must lie under one of them; existing pools are not touched.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { Dialog } from '@virtdeck/ui/dialog';
import { FieldShell, fieldProps, inputStyle } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';

export function PoolRootsDialog({ hostId, hostName, roots }: { hostId: string; hostName: string; roots: readonly string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const save = useMutation(
    trpc.host.setPoolRoots.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.host.poolRoots.queryKey({ hostId }) });
        setOpen(false);
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ hostId, roots: text.split('\n').map((l) => l.trim()).filter(Boolean) });
  };
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Edit pool roots of ${hostName}`}
        onClick={() => {
          setText(roots.join('\n'));
          save.reset();
          setOpen(true);
        }}
      >
        Edit
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={`Pool roots of ${hostName}`}
        description="Storage pools defined from now on must have their target and source paths under one of these folders or devices. Existing pools stay as they are."
      >
        <form onSubmit={submit} className="space-y-3" aria-label="Pool roots">
          <FieldShell id={id} label="One absolute path per line" hint="e.g. /var/lib/libvirt/images">
            <textarea
              {...fieldProps(id, undefined)}
              value={text}
              onChange={(e) => setText(e.target.value)}
              rows={5}
              spellCheck={false}
              className={`${inputStyle} h-auto py-1 font-mono`}
              placeholder="/var/lib/libvirt/images"
            />
          </FieldShell>
          <FormError message={save.isError ? errorMessage(save.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save roots'}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
