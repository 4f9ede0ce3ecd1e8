'use client';
// "Define network" (admins: a bridge or forward device names host resources): NAT, isolated,
// routed, open or bridged, with IPv4/IPv6 and a DHCP range; started (and autostarted) when asked.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { FormError } from '@virtdeck/ui/form-error';
import { useTRPC } from '~/lib/trpc';
import { errorMessage, fieldErrors } from '~/lib/trpc-errors';
import { NetworkFormFields } from './network-form-fields';
import { blankNetwork, serverFieldErrors, toInput } from './network-form-state';

export function DefineNetworkDialog({ hostId, hostName }: { hostId: string; hostName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(blankNetwork);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [start, setStart] = useState(true);
  const [autostart, setAutostart] = useState(false);
  const define = useMutation(
    trpc.network.define.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.network.pathKey() });
        setOpen(false);
      },
    }),
  );
  const server = serverFieldErrors(fieldErrors(define.error), form);
  const errors = { ...server, ...local };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { input, errors: found } = toInput(form);
    setLocal(found);
    define.reset();
    if (Object.keys(found).length > 0) return;
    define.mutate({ hostId, ...input, start, autostart });
  };
  return (
    <>
      <Button
        size="sm"
        onClick={() => {
          setForm(blankNetwork());
          setLocal({});
          define.reset();
          setOpen(true);
        }}
      >
        <Plus className="size-3.5" aria-hidden /> Define network
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Define a network on ${hostName}`} wide>
        <form onSubmit={submit} className="space-y-3" aria-label="Define network" noValidate>
          <NetworkFormFields value={form} onChange={setForm} errors={errors} editing={false} />
          <div className="flex flex-wrap gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={start} onChange={(e) => setStart(e.target.checked)} className="accent-[var(--color-accent)]" />
              Start it now
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={autostart} onChange={(e) => setAutostart(e.target.checked)} className="accent-[var(--color-accent)]" />
              Start with the host
            </label>
          </div>
          <FormError message={define.isError && Object.keys(server).length === 0 ? errorMessage(define.error) : null} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={define.isPending}>
              {define.isPending ? 'Defining…' : 'Define network'}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
