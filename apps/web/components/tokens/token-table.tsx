'use client';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { table } from '@virtdeck/ui/table-style';
import { useState } from 'react';
import { useTRPC } from '~/lib/trpc';
import { useMe } from '~/lib/use-me';
import { TokenRow } from './token-row';

/** The user's tokens; an admin may switch to everyone's. Revoked ones stay listed, greyed. */
export function TokenTable() {
  const trpc = useTRPC();
  const isAdmin = useMe()?.user.role === 'admin';
  const [all, setAll] = useState(false);
  const tokens = useQuery(trpc.apiToken.list.queryOptions({ all: isAdmin && all }));
  const hosts = useQuery(trpc.host.list.queryOptions());
  const hostNames = new Map((hosts.data ?? []).map((h) => [h.id, h.name]));
  return (
    <div className="space-y-2">
      {isAdmin ? (
        <label className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} className="accent-[var(--color-accent)]" />
          Everyone’s tokens
        </label>
      ) : null}
      {tokens.isPending ? <Skeleton className="h-32" label="Loading tokens" /> : null}
      {tokens.isError ? <ErrorState title="Could not list API tokens" message={tokens.error.message} /> : null}
      {tokens.data?.length === 0 ? <EmptyState title="No API tokens" hint="Create one for a script or a Prometheus scrape job." /> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <div className={table.wrap}>
          <table className={table.table} aria-label="API tokens">
            <thead className={table.thead}>
              <tr>
                <th className={table.th}>Name</th>
                <th className={table.th}>Status</th>
                {all ? <th className={table.th}>User</th> : null}
                <th className={table.th}>Role</th>
                <th className={table.th}>Hosts</th>
                <th className={table.th}>Created</th>
                <th className={table.th}>Expires</th>
                <th className={table.th}>Last used</th>
                <th className={`${table.th} text-right`}>Actions</th>
              </tr>
            </thead>
            <tbody className={table.tbody}>
              {tokens.data.map((t) => (
                <TokenRow key={t.id} token={t} hostNames={hostNames} showUser={all} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
