'use client';
// A host's pool roots on its card (admins only): where storage pools may live on that host.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '~/lib/trpc';
import { PoolRootsDialog } from './pool-roots-dialog';

export function PoolRoots({ hostId, hostName }: { hostId: string; hostName: string }) {
  const trpc = useTRPC();
  const roots = useQuery(trpc.host.poolRoots.queryOptions({ hostId }));
  return (
    <section aria-label={`Pool roots of ${hostName}`} className="flex items-start justify-between gap-3 border-t border-zinc-100 pt-3 text-sm dark:border-zinc-800">
      <div className="min-w-0">
        <h3 className="text-xs font-medium text-zinc-600 dark:text-zinc-400">Pool roots</h3>
        {roots.isPending ? <p className="text-xs text-zinc-500">Loading…</p> : null}
        {roots.isError ? <p className="text-xs text-red-700 dark:text-red-400">{roots.error.message}</p> : null}
        {roots.data && roots.data.roots.length === 0 ? <p className="text-xs text-zinc-500">None yet: no storage pool can be defined on this host.</p> : null}
        {roots.data && roots.data.roots.length > 0 ? (
          <ul className="font-mono text-xs text-zinc-700 dark:text-zinc-300" data-testid="pool-roots">
            {roots.data.roots.map((r) => (
              <li key={r} className="truncate" title={r}>
                {r}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {roots.data ? <PoolRootsDialog hostId={hostId} hostName={hostName} roots={roots.data.roots} /> : null}
    </section>
  );
}
