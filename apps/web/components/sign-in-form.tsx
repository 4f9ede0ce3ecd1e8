'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Card } from '@virtdeck/ui';
import { useState, type FormEvent } from 'react';
import { setCsrfToken } from '~/lib/csrf';
import { useTRPC } from '~/lib/trpc';

export function SignInForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: (data) => {
        setCsrfToken(data.csrfToken);
        queryClient.setQueryData(trpc.auth.me.queryKey(), data);
        void queryClient.invalidateQueries();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ username, password });
  };
  return (
    <div className="flex min-h-screen items-center justify-center p-6">
      <Card className="w-full max-w-sm p-6">
        <h1 className="mb-1 text-lg font-semibold">Sign in to Virtdeck</h1>
        <p className="mb-5 text-sm text-zinc-500">Manage your libvirt hosts.</p>
        <form onSubmit={submit} className="space-y-4" aria-label="Sign in">
          <label className="block text-sm">
            <span className="mb-1 block font-medium">Username</span>
            <input
              className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
              autoComplete="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
            />
          </label>
          <label className="block text-sm">
            <span className="mb-1 block font-medium">Password</span>
            <input
              type="password"
              className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </label>
          {login.isError ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {login.error.message}
            </p>
          ) : null}
          <button
            type="submit"
            disabled={login.isPending}
            className="w-full rounded-md bg-[var(--color-accent)] px-3 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60"
          >
            {login.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </Card>
    </div>
  );
}
