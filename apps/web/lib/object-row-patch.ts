// A pool's or network's row changed in the cached answers that show it, from its lifecycle
// event's row: the host's list (`storage.pool.list`, `network.list`) and the object's own answer.
// What the row does not cover (a pool's volumes, which a start or stop changes) is marked stale.
import type { Query, QueryClient } from '@tanstack/react-query';
import { applyDomainRow, type ObjectRow } from '@virtdeck/contract/live';
import type { useTRPC } from './trpc';

type Trpc = ReturnType<typeof useTRPC>;

const inputOf = (q: Query) => (q.queryKey[1] as { input?: Record<string, unknown> } | undefined)?.input ?? {};
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** The list with the row applied; a new one goes in name order, as the BFF sorts it. */
function applied<T extends { name: string; uuid: string }>(list: T[] | undefined, uuid: string, row: ObjectRow | null): T[] | undefined {
  if (!list) return list;
  // The event's row is the list's own row type (the BFF built it with the list's function).
  const next = applyDomainRow(list, uuid, row as T | null);
  return next.length > list.length ? next.sort(byName) : next;
}

export function patchPoolRow(queryClient: QueryClient, trpc: Trpc, hostId: string, pool: { name: string; uuid: string }, row: ObjectRow | null): void {
  queryClient.setQueryData(trpc.storage.pool.list.queryKey({ hostId }), (list) => applied(list, pool.uuid, row));
  const one = trpc.storage.pool.get.queryKey({ hostId, name: pool.name });
  if (row) queryClient.setQueryData(one, (old) => (old ? { ...old, ...(row as typeof old) } : old));
  else queryClient.removeQueries({ queryKey: one });
  // The pool's volumes and backing forest (a start, stop or delete changes what it holds).
  void queryClient.invalidateQueries({
    queryKey: trpc.storage.pathKey(),
    predicate: (q) => {
      const input = inputOf(q);
      // Not the pool's own answer, patched above (the key's first part is its path).
      return input.hostId === hostId && (input.pool === pool.name || input.name === pool.name) && String(q.queryKey[0]) !== 'storage,pool,get';
    },
  });
}

export function patchNetworkRow(queryClient: QueryClient, trpc: Trpc, hostId: string, network: { name: string; uuid: string }, row: ObjectRow | null): void {
  queryClient.setQueryData(trpc.network.list.queryKey({ hostId }), (list) => applied(list, network.uuid, row));
  // The network's details and leases (its XML and DHCP state) are that network's own answers.
  void queryClient.invalidateQueries({ queryKey: trpc.network.pathKey(), predicate: (q) => inputOf(q).hostId === hostId && inputOf(q).name === network.name });
}
