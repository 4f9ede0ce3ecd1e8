'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '~/lib/trpc';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { errorMessage } from '~/lib/trpc-errors';
import { FormError } from '@virtdeck/ui/form-error';
import { HostScopePicker } from './host-scope-picker';

/** Limits a user to some hosts (or lifts the limit). */
export function HostScopeDialog({ userId, username, hostIds }: { userId: string; username: string; hostIds: string[] | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string[] | null>(hostIds);
  const save = useMutation(
    trpc.user.setHosts.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.user.list.queryKey() });
        setOpen(false);
      },
    }),
  );
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => {
          setValue(hostIds);
          save.reset();
          setOpen(true);
        }}
      >
        Hosts…
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Hosts of ${username}`} description="The hosts this user may see and act on.">
        <div className="space-y-3">
          <HostScopePicker value={value} onChange={setValue} />
          <FormError message={save.isError ? errorMessage(save.error) : null} />
          <div className="flex justify-end gap-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button variant="primary" disabled={save.isPending} onClick={() => save.mutate({ userId, hostIds: value })}>
              Save
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
