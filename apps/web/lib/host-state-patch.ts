// A host's connection state changed: the VM list's answer (`domain.listAll`) takes the new state
// in place. Only when the host comes or goes is the list fetched again (its domains appear, or
// its rows give way to a notice).
import type { QueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@virtdeck/bff';
import type { useTRPC } from './trpc';

type Trpc = ReturnType<typeof useTRPC>;
type HostStateData = inferRouterOutputs<AppRouter>['domain']['listAll'][number]['state'];

export function patchHostState(queryClient: QueryClient, trpc: Trpc, state: HostStateData): void {
  const hosts = queryClient.getQueryData(trpc.domain.listAll.queryKey());
  if (!hosts) return;
  const host = hosts.find((h) => h.id === state.hostId);
  if (!host || (host.state.status === 'connected') !== (state.status === 'connected')) {
    void queryClient.invalidateQueries({ queryKey: trpc.domain.listAll.queryKey() });
    return;
  }
  queryClient.setQueryData(trpc.domain.listAll.queryKey(), (all) => all?.map((h) => (h.id === state.hostId ? { ...h, state: { ...h.state, ...state } } : h)));
}
