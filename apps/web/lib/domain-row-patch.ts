// One domain's row changed in every cached answer that shows it, from a lifecycle event's row or
// a mutation's answer: the VM list (`domain.listAll`), the host's `domain.list` and the VM page's
// state. No list is fetched again: it changes that one row, adds a new domain or drops one that
// is gone.
import type { QueryClient } from '@tanstack/react-query';
import { applyDomainRow, type DomainRow } from '@virtdeck/contract/live';
import type { useTRPC } from './trpc';

type Trpc = ReturnType<typeof useTRPC>;

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

interface Change {
  hostId: string;
  uuid: string;
  row: DomainRow | null;
}

/**
 * Changes that arrived while the VM list was being fetched: its answer may predate them, so they
 * are applied again, in order, once it lands (applying one the answer already has changes nothing).
 */
const duringFetch = new WeakMap<QueryClient, Change[]>();

function applyToListAll(queryClient: QueryClient, trpc: Trpc, { hostId, uuid, row }: Change): void {
  queryClient.setQueryData(trpc.domain.listAll.queryKey(), (hosts) =>
    hosts?.map((h) => (h.id === hostId ? { ...h, domains: applyDomainRow(h.domains, uuid, row) } : h)),
  );
}

/** Applies the changes that arrived during a fetch of the VM list once its answer lands (LiveBridge). */
export function replayOnListAllFetched(queryClient: QueryClient, trpc: Trpc): () => void {
  const key = JSON.stringify(trpc.domain.listAll.queryKey());
  return queryClient.getQueryCache().subscribe((e) => {
    if (e.type !== 'updated' || JSON.stringify(e.query.queryKey) !== key) return;
    // A fetch's answer or failure; not a change set here (setQueryData is a `manual` success).
    if (e.action.type === 'success' ? e.action.manual : e.action.type !== 'error') return;
    const changes = duringFetch.get(queryClient);
    duringFetch.delete(queryClient);
    if (e.action.type === 'success') for (const c of changes ?? []) applyToListAll(queryClient, trpc, c);
  });
}

export function patchDomainRow(queryClient: QueryClient, trpc: Trpc, hostId: string, uuid: string, row: DomainRow | null): void {
  // The home page's counts by state: asked again only where it shows (an unseen one is marked
  // stale). Counting here could count a change twice, once in an answer that already had it.
  void queryClient.invalidateQueries({ queryKey: trpc.host.overview.queryKey() });

  const change = { hostId, uuid, row };
  if (queryClient.getQueryState(trpc.domain.listAll.queryKey())?.fetchStatus === 'fetching') {
    const changes = duringFetch.get(queryClient) ?? [];
    changes.push(change);
    duringFetch.set(queryClient, changes);
  }
  applyToListAll(queryClient, trpc, change);
  queryClient.setQueryData(trpc.domain.list.queryKey({ hostId }), (list) => {
    if (!list) return list;
    const next = applyDomainRow(list, uuid, row);
    return next.length > list.length ? next.sort(byName) : next;
  });
  if (row) queryClient.setQueryData(trpc.domain.get.queryKey({ hostId, uuid }), (vm) => (vm && vm.state !== row.state ? { ...vm, state: row.state, stateReason: null } : vm));
}
