'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { Button, cn } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import type { RouterOutputs } from '~/lib/api-types';
import { ConfirmAction } from '~/components/shell/confirm-action';
import { errorMessage } from '~/lib/trpc-errors';
import { inputStyle } from '@virtdeck/ui/field';
import { formatTime } from '~/lib/format';
import { table } from '@virtdeck/ui/table-style';
import { Badge } from '@virtdeck/ui/badge';
import { HostScopeDialog } from './host-scope-dialog';
import { ResetPasswordDialog } from './reset-password-dialog';
import { ROLE_OPTIONS, type Role } from './role-options';

type User = RouterOutputs['user']['list'][number];

export function UserRow({ user, hostNames, isSelf }: { user: User; hostNames: Map<string, string>; isSelf: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.user.list.queryKey() });
  const setRole = useMutation(trpc.user.setRole.mutationOptions({ onSettled: refresh }));
  const setDisabled = useMutation(trpc.user.setDisabled.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.user.delete.mutationOptions({ onSuccess: refresh }));
  const failure = setRole.error ?? setDisabled.error;
  const scope = user.hostIds === null ? 'All hosts' : user.hostIds.length === 0 ? 'No hosts' : user.hostIds.map((id) => hostNames.get(id) ?? id).join(', ');
  return (
    <>
      <tr data-testid="user-row" data-username={user.username} className={user.disabled ? 'text-zinc-400' : undefined}>
        <td className={`${table.td} font-medium`}>
          {user.username}
          {isSelf ? <span className="ml-2 text-xs font-normal text-zinc-500">(you)</span> : null}
        </td>
        <td className={table.td}>
          <select
            aria-label={`Role of ${user.username}`}
            value={user.role}
            disabled={setRole.isPending}
            onChange={(e) => {
              setDisabled.reset();
              setRole.mutate({ userId: user.id, role: e.target.value as Role });
            }}
            className={cn(inputStyle, 'h-7 w-28 text-xs')}
          >
            {ROLE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.value}
              </option>
            ))}
          </select>
        </td>
        <td className={`${table.td} max-w-64 truncate text-zinc-600 dark:text-zinc-400`} title={scope}>
          {user.role === 'admin' ? 'All hosts (admin)' : scope}
        </td>
        <td className={table.td}>{user.disabled ? <Badge tone="zinc">Disabled</Badge> : <Badge tone="green">Active</Badge>}</td>
        <td className={`${table.td} whitespace-nowrap text-zinc-500`}>{formatTime(user.createdAt)}</td>
        <td className={`${table.td} text-right`}>
          <div className="flex justify-end gap-1">
            {user.role === 'admin' ? null : <HostScopeDialog userId={user.id} username={user.username} hostIds={user.hostIds} />}
            <ResetPasswordDialog userId={user.id} username={user.username} />
            <Button
              size="sm"
              variant="ghost"
              disabled={setDisabled.isPending}
              onClick={() => {
                setRole.reset();
                setDisabled.mutate({ userId: user.id, disabled: !user.disabled });
              }}
            >
              {user.disabled ? 'Enable' : 'Disable'}
            </Button>
            <ConfirmAction
              title={`Delete user ${user.username}?`}
              confirmLabel={`Delete ${user.username}`}
              onConfirm={() => remove.mutateAsync({ userId: user.id })}
              trigger={
                <Button size="sm" variant="danger-ghost" aria-label={`Delete user ${user.username}`}>
                  <Trash2 className="size-3.5" aria-hidden />
                </Button>
              }
            >
              <p>
                The account <strong>{user.username}</strong> is deleted and signed out everywhere. Its audit log entries stay.
              </p>
            </ConfirmAction>
          </div>
        </td>
      </tr>
      {failure ? (
        <tr>
          <td colSpan={6} className="px-3 pb-2">
            <p role="alert" className="rounded-md bg-red-50 px-2 py-1 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
              {user.username}: {errorMessage(failure)}
            </p>
          </td>
        </tr>
      ) : null}
    </>
  );
}
