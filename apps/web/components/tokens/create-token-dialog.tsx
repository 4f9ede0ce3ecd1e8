'use client';
// Makes a token: name, role (no higher than one's own), hosts, lifetime. The answer carries the
// secret, shown here once: it is stored only as a hash and cannot be shown again.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { API_TOKEN_DEFAULT_DAYS, type ApiTokenRole } from '@virtdeck/contract/api-token-limits';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { Field, SelectField } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { KeyRound } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { HostScopePicker } from '~/components/admin/host-scope-picker';
import { ROLE_OPTIONS } from '~/components/admin/role-options';
import { useTRPC } from '~/lib/trpc';
import { errorMessage, fieldError } from '~/lib/trpc-errors';
import { useMe } from '~/lib/use-me';
import { TokenSecret } from './token-secret';

const RANK: Record<ApiTokenRole, number> = { viewer: 1, operator: 2, admin: 3 };
const LIFETIMES = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '180', label: '180 days' },
  { value: '366', label: 'A year' },
] as const;

export function CreateTokenDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const myRole = useMe()?.user.role ?? 'viewer';
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiTokenRole>('viewer');
  const [hostIds, setHostIds] = useState<string[] | null>(null);
  const [days, setDays] = useState(String(API_TOKEN_DEFAULT_DAYS));
  const create = useMutation(
    trpc.apiToken.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.apiToken.list.queryKey() }) }),
  );
  const start = () => {
    setName('');
    setRole('viewer');
    setHostIds(null);
    setDays(String(API_TOKEN_DEFAULT_DAYS));
    create.reset();
    setOpen(true);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // An admin token covers every host (admins are never host-scoped).
    create.mutate({ name, role, hostIds: role === 'admin' ? null : hostIds, expiresInDays: Number(days) });
  };
  const close = (o: boolean) => {
    setOpen(o);
    // The secret leaves the page's memory with the dialog.
    if (!o) create.reset();
  };
  const fieldErr = (f: string) => fieldError(create.error, f);
  const general = create.isError && !['name', 'role', 'hostIds', 'expiresInDays'].some((f) => fieldErr(f)) ? errorMessage(create.error) : null;
  const roles = ROLE_OPTIONS.filter((o) => RANK[o.value] <= RANK[myRole]);
  return (
    <>
      <Button variant="primary" onClick={start}>
        <KeyRound className="size-4" aria-hidden />
        Create token
      </Button>
      <Dialog open={open} onOpenChange={close} title={create.data ? 'Token created' : 'Create API token'} description={create.data ? undefined : 'A token acts as you, within the role and hosts you give it.'}>
        {create.data ? (
          <div className="space-y-4">
            <TokenSecret name={create.data.token.name} secret={create.data.secret} />
            <div className="flex justify-end">
              <Button variant="primary" onClick={() => close(false)}>
                Done
              </Button>
            </div>
          </div>
        ) : (
          <form onSubmit={submit} className="space-y-3" aria-label="Create API token">
            <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={64} autoComplete="off" error={fieldErr('name')} hint="What uses it, e.g. prometheus or backup-script." autoFocus />
            <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as ApiTokenRole)} options={roles} error={fieldErr('role')} />
            {role === 'admin' ? (
              <p className="text-xs text-zinc-500">An admin token covers every host. Pick viewer or operator to limit it to some.</p>
            ) : (
              <HostScopePicker value={hostIds} onChange={setHostIds} />
            )}
            {fieldErr('hostIds') ? <p className="text-xs text-red-700 dark:text-red-400">{fieldErr('hostIds')}</p> : null}
            <SelectField label="Expires after" value={days} onChange={(e) => setDays(e.target.value)} options={LIFETIMES} error={fieldErr('expiresInDays')} />
            <FormError message={general} />
            <div className="flex justify-end gap-2 pt-2">
              <Button onClick={() => close(false)}>Cancel</Button>
              <Button type="submit" variant="primary" disabled={create.isPending}>
                {create.isPending ? 'Creating…' : 'Create token'}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
