'use client';
// Delete a network (admins): the running guests attached to it are asked for first, and while
// there are any the network is not deleted; the dialog names them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Monitor, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { FormError } from '@virtdeck/ui/form-error';
import { useTRPC } from '~/lib/trpc';
import { errorDependants, errorMessage } from '~/lib/trpc-errors';

export function DeleteNetworkButton({ hostId, name, active }: { hostId: string; name: string; active: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const guests = useQuery({ ...trpc.network.guests.queryOptions({ hostId, name }), enabled: open, staleTime: 0 });
  const remove = useMutation(
    trpc.network.delete.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.network.pathKey() });
      },
    }),
  );
  const refused = errorDependants(remove.error)?.guests;
  const users = refused ?? guests.data;
  const inUse = users ? users.length > 0 : false;
  return (
    <>
      <Button
        size="sm"
        variant="danger-ghost"
        aria-label={`Delete network ${name}`}
        onClick={() => {
          remove.reset();
          setOpen(true);
        }}
      >
        <Trash2 className="size-3.5" aria-hidden />
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={inUse ? `${name} is in use` : `Delete network ${name}?`}>
        <div className="space-y-3 text-sm">
          {guests.isPending ? <p className="text-zinc-500">Checking which guests use it…</p> : null}
          {guests.isError ? <FormError message={`Could not check: ${errorMessage(guests.error)}`} /> : null}
          {users && inUse ? (
            <>
              <p>These running VMs are attached to it. Shut them down or move their interfaces first:</p>
              <ul className="space-y-1 rounded-md border border-zinc-200 p-2 dark:border-zinc-800" data-testid="network-guests">
                {users.map((g) => (
                  <li key={`${g.domain}/${g.mac ?? ''}`} className="flex items-center gap-2">
                    <Monitor className="size-3.5 text-zinc-500" aria-hidden />
                    <span>
                      VM <strong>{g.domain}</strong>
                      {g.mac ? <span className="font-mono text-xs text-zinc-500"> ({g.mac})</span> : null}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {users && !inUse ? (
            <p>
              {active ? 'The network is stopped and its' : 'Its'} definition is deleted for good: its addresses, DHCP range and static hosts. Stopped VMs that name it will not start until
              they are moved to another network.
            </p>
          ) : null}
          <FormError message={remove.isError && !refused ? errorMessage(remove.error) : null} />
          <div className="flex justify-end gap-2 pt-1">
            <Button onClick={() => setOpen(false)}>{inUse ? 'Close' : 'Cancel'}</Button>
            {users && !inUse ? (
              <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ hostId, name })}>
                {remove.isPending ? 'Deleting…' : `Delete ${name}`}
              </Button>
            ) : null}
          </div>
        </div>
      </Dialog>
    </>
  );
}
