'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { UserPlus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '~/lib/trpc';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { errorMessage, fieldError } from '~/lib/trpc-errors';
import { Field, SelectField } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';
import { HostScopePicker } from './host-scope-picker';
import { ROLE_OPTIONS, type Role } from './role-options';

export function CreateUserDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [hostIds, setHostIds] = useState<string[] | null>(null);
  const create = useMutation(
    trpc.user.create.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.user.list.queryKey() });
        setOpen(false);
      },
    }),
  );
  const start = () => {
    setUsername('');
    setPassword('');
    setRole('viewer');
    setHostIds(null);
    create.reset();
    setOpen(true);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ username, password, role, hostIds });
  };
  const fieldErr = (f: string) => fieldError(create.error, f);
  const general = create.isError && !['username', 'password', 'role', 'hostIds'].some((f) => fieldErr(f)) ? errorMessage(create.error) : null;
  return (
    <>
      <Button variant="primary" onClick={start}>
        <UserPlus className="size-4" aria-hidden />
        Create user
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title="Create user" description="They sign in with this name and password.">
        <form onSubmit={submit} className="space-y-3" aria-label="Create user">
          <Field label="Username" value={username} onChange={(e) => setUsername(e.target.value)} required minLength={3} maxLength={64} autoComplete="off" error={fieldErr('username')} autoFocus />
          <Field
            label="Password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            minLength={12}
            autoComplete="new-password"
            error={fieldErr('password')}
            hint="At least 12 characters."
          />
          <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)} options={ROLE_OPTIONS} />
          <HostScopePicker value={hostIds} onChange={setHostIds} />
          <FormError message={general} />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create user'}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
