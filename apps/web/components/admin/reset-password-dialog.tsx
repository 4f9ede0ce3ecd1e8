'use client';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '~/lib/trpc';
import { Button } from '@virtdeck/ui';
import { Dialog } from '@virtdeck/ui/dialog';
import { errorMessage, fieldError } from '~/lib/trpc-errors';
import { Field } from '@virtdeck/ui/field';
import { FormError } from '@virtdeck/ui/form-error';

export function ResetPasswordDialog({ userId, username }: { userId: string; username: string }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const save = useMutation(trpc.user.setPassword.mutationOptions({ onSuccess: () => setOpen(false) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ userId, password });
  };
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => {
          setPassword('');
          save.reset();
          setOpen(true);
        }}
      >
        Reset password
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`New password for ${username}`} description="They are signed out everywhere and sign in again with it.">
        <form onSubmit={submit} className="space-y-3" aria-label="Reset password">
          <Field label="New password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={12} autoComplete="new-password" error={fieldError(save.error, 'password')} hint="At least 12 characters." autoFocus />
          <FormError message={save.isError && !fieldError(save.error, 'password') ? errorMessage(save.error) : null} />
          <div className="flex justify-end gap-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={save.isPending}>
              Set password
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
