'use client';
// "Edit network" (admins): the definition again, same name and UUID. A running network takes it
// at its next start, which the dialog says; static DHCP hosts are kept (they change live in the
// DHCP hosts panel).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Pencil } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { FormError } from '@virtdeck/ui/form-error';
import { useTRPC } from '~/lib/trpc';
import { errorMessage, fieldErrors } from '~/lib/trpc-errors';
import { NetworkFormFields } from './network-form-fields';
import { fromDetails, serverFieldErrors, toInput, type KeptHosts, type NetworkFormState } from './network-form-state';

export function EditNetworkDialog({ hostId, name, active }: { hostId: string; name: string; active: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<NetworkFormState | null>(null);
  const [hosts, setHosts] = useState<KeptHosts>({ v4: [], v6: [] });
  const [local, setLocal] = useState<Record<string, string>>({});
  // The definition (not the live state): what an edit replaces.
  const xml = useQuery({ ...trpc.network.get.queryOptions({ hostId, name, inactive: true }), enabled: open, staleTime: 0 });
  const edit = useMutation(
    trpc.network.edit.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.network.pathKey() });
        setOpen(false);
      },
    }),
  );
  if (open && form === null && xml.data) {
    const filled = fromDetails(xml.data.details);
    setForm(filled.state);
    setHosts(filled.hosts);
  }
  const server = form ? serverFieldErrors(fieldErrors(edit.error), form) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    const { input, errors } = toInput(form, hosts);
    setLocal(errors);
    edit.reset();
    if (Object.keys(errors).length > 0) return;
    edit.mutate({ hostId, ...input });
  };
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Edit network ${name}`}
        onClick={() => {
          setForm(null);
          setLocal({});
          edit.reset();
          setOpen(true);
        }}
      >
        <Pencil className="size-3.5" aria-hidden /> Edit
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Edit network ${name}`} wide description={active ? 'The network runs: the new definition applies at its next start.' : undefined}>
        {form === null ? (
          xml.isError ? <FormError message={errorMessage(xml.error)} /> : <p className="text-sm text-zinc-500">Loading the definition…</p>
        ) : (
          <form onSubmit={submit} className="space-y-3" aria-label="Edit network" noValidate>
            <NetworkFormFields value={form} onChange={setForm} errors={{ ...server, ...local }} editing />
            <FormError message={edit.isError && Object.keys(server).length === 0 ? errorMessage(edit.error) : null} />
            <div className="flex justify-end gap-2 pt-2">
              <Button onClick={() => setOpen(false)}>Cancel</Button>
              <Button type="submit" variant="primary" disabled={edit.isPending}>
                {edit.isPending ? 'Saving…' : 'Save definition'}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
