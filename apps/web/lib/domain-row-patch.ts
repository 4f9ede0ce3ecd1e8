// One domain's row changed in every cached answer that shows it, from a lifecycle event's row or
// a mutation's answer: the VM list (`domain.listAll`), the host's `domain.list`, the VM page's
// state and the home page's counts by state. Nothing is fetched again: the list changes that one
// row, adds a new domain or drops one that is gone.
import type { QueryClient } from '@tanstack/react-query';
import { applyDomainRow, type DomainRow } from '@virtdeck/contract/live';
import type { useTRPC } from './trpc';

type Trpc = ReturnType<typeof useTRPC>;

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** The state this domain had in the cached VM list, if it is there. */
function cachedState(queryClient: QueryClient, trpc: Trpc, hostId: string, uuid: string): string | undefined {
  const hosts = queryClient.getQueryData(trpc.domain.listAll.queryKey());
  const host = hosts?.find((h) => h.id === hostId);
  if (host) return host.domains.find((d) => d.uuid === uuid)?.state ?? 'absent';
  return queryClient.getQueryData(trpc.domain.list.queryKey({ hostId }))?.find((d) => d.uuid === uuid)?.state;
}

/** The home page's counts by state with one domain moved from `before` to `after` ('absent': no domain). */
function patchCounts(queryClient: QueryClient, trpc: Trpc, hostId: string, before: string, after: string): void {
  if (before === after) return;
  queryClient.setQueryData(trpc.host.overview.queryKey(), (hosts) =>
    hosts?.map((h) => {
      if (h.id !== hostId || !h.info) return h;
      const counts = { ...h.info.vmCounts };
      let total = h.info.vmTotal;
      if (before !== 'absent') {
        counts[before] = Math.max(0, (counts[before] ?? 0) - 1);
        if (counts[before] === 0) delete counts[before];
        total -= 1;
      }
      if (after !== 'absent') {
        counts[after] = (counts[after] ?? 0) + 1;
        total += 1;
      }
      return { ...h, info: { ...h.info, vmCounts: counts, vmTotal: total } };
    }),
  );
}

export function patchDomainRow(queryClient: QueryClient, trpc: Trpc, hostId: string, uuid: string, row: DomainRow | null): void {
  const before = cachedState(queryClient, trpc, hostId, uuid);
  if (before === undefined) void queryClient.invalidateQueries({ queryKey: trpc.host.overview.queryKey() });
  else patchCounts(queryClient, trpc, hostId, before, row?.state ?? 'absent');

  queryClient.setQueryData(trpc.domain.listAll.queryKey(), (hosts) =>
    hosts?.map((h) => (h.id === hostId ? { ...h, domains: applyDomainRow(h.domains, uuid, row) } : h)),
  );
  queryClient.setQueryData(trpc.domain.list.queryKey({ hostId }), (list) => {
    if (!list) return list;
    const next = applyDomainRow(list, uuid, row);
    return next.length > list.length ? next.sort(byName) : next;
  });
  if (row) queryClient.setQueryData(trpc.domain.get.queryKey({ hostId, uuid }), (vm) => (vm && vm.state !== row.state ? { ...vm, state: row.state, stateReason: null } : vm));
}
