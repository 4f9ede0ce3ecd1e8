'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { setCsrfToken } from '~/lib/csrf';
import { useTRPC } from '~/lib/trpc';
import { useMe } from '~/lib/use-me';

export function UserMenu() {
  const trpc = useTRPC();
  const me = useMe();
  const queryClient = useQueryClient();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: () => {
        setCsrfToken(null);
        queryClient.setQueryData(trpc.auth.me.queryKey(), null);
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== trpc.auth.me.queryKey()[0] });
      },
    }),
  );
  if (!me) return null;
  return (
    <div className="space-y-2 border-t border-zinc-200 px-2 pt-3 text-sm dark:border-zinc-800">
      <div>
        <div className="font-medium" data-testid="signed-in-user">
          {me.user.username}
        </div>
        <div className="text-xs text-zinc-500">{me.user.role}</div>
      </div>
      <button type="button" onClick={() => logout.mutate()} className="text-xs text-zinc-600 underline-offset-2 hover:underline dark:text-zinc-400">
        Sign out
      </button>
    </div>
  );
}
