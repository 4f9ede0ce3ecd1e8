'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '@virtdeck/ui';
import { Badge } from '@virtdeck/ui/badge';
import { table } from '@virtdeck/ui/table-style';
import type { RouterOutputs } from '~/lib/api-types';
import { ConfirmAction } from '~/components/shell/confirm-action';
import { formatTime } from '~/lib/format';
import { useTRPC } from '~/lib/trpc';

type Token = RouterOutputs['apiToken']['list'][number];

/** A day is precise enough for when a token was made and when it ends; the title has the time. */
const day = (ms: number) => new Date(ms).toLocaleDateString(undefined, { dateStyle: 'medium' });

function status(t: Token, now: number): { label: string; tone: 'green' | 'zinc' | 'red' } {
  if (t.revokedAt !== null) return { label: 'Revoked', tone: 'zinc' };
  if (t.expiresAt <= now) return { label: 'Expired', tone: 'red' };
  return { label: 'Active', tone: 'green' };
}

export function TokenRow({ token, hostNames, showUser }: { token: Token; hostNames: Map<string, string>; showUser: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.apiToken.revoke.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.apiToken.list.queryKey() }) }),
  );
  const s = status(token, Date.now());
  const hosts = token.hostIds === null ? 'Yours (all you may see)' : token.hostIds.map((id) => hostNames.get(id) ?? id).join(', ');
  return (
    <tr data-testid="token-row" data-name={token.name} className={s.tone === 'green' ? undefined : 'text-zinc-400'}>
      <td className={`${table.td} font-medium whitespace-nowrap`}>{token.name}</td>
      <td className={table.td}>
        <Badge tone={s.tone}>{s.label}</Badge>
      </td>
      {showUser ? <td className={table.td}>{token.username}</td> : null}
      <td className={table.td}>{token.role}</td>
      <td className={`${table.td} max-w-56 truncate text-zinc-600 dark:text-zinc-400`} title={hosts}>
        {hosts}
      </td>
      <td className={`${table.td} whitespace-nowrap text-zinc-500`} title={formatTime(token.createdAt)}>
        {day(token.createdAt)}
      </td>
      <td className={`${table.td} whitespace-nowrap text-zinc-500`} title={formatTime(token.expiresAt)}>
        {day(token.expiresAt)}
      </td>
      <td className={`${table.td} whitespace-nowrap text-zinc-500`} title={token.lastUsedIp ?? undefined}>
        {token.lastUsedAt === null ? 'Never' : formatTime(token.lastUsedAt)}
      </td>
      <td className={`${table.td} text-right`}>
        {token.revokedAt === null ? (
          <ConfirmAction
            title={`Revoke token ${token.name}?`}
            confirmLabel={`Revoke ${token.name}`}
            onConfirm={() => revoke.mutateAsync({ id: token.id })}
            trigger={
              <Button size="sm" variant="danger-ghost">
                Revoke
              </Button>
            }
          >
            <p>
              Every script or scraper using <strong>{token.name}</strong> is refused from now on. This cannot be undone: make a new token to
              give access again.
            </p>
          </ConfirmAction>
        ) : null}
      </td>
    </tr>
  );
}
