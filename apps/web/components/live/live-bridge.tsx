'use client';
// Keeps cached state live from libvirt's events and host state changes, which arrive over the
// websocket subscription. Each event changes what it names and nothing else: a lifecycle event
// carries its domain's row, which replaces that row in the cached lists (or adds or drops the
// domain) with no request; a device, medium or block-job event marks that one VM's page stale;
// a pool or network event carries its row too, which replaces it in the host's pool or network
// list (its volumes, details and leases are marked stale). The whole state is fetched again
// only after a `resync` (events may have been missed), or for an event the BFF could not read.
// Nothing polls. After a reconnect the subscription resumes from its last event id.
import { useQueryClient, type Query } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect } from 'react';
import { patchDomainRow, replayOnListAllFetched } from '~/lib/domain-row-patch';
import { patchHostState } from '~/lib/host-state-patch';
import { patchNetworkRow, patchPoolRow } from '~/lib/object-row-patch';
import { useTRPC } from '~/lib/trpc';

/**
 * Queries about one object: their input names this host (or no host: an answer across hosts) and
 * the given fields (a domain's uuid).
 */
function about(hostId: string, match: Record<string, string> = {}) {
  return (q: Query) => {
    const input = (q.queryKey[1] as { input?: Record<string, unknown> } | undefined)?.input ?? {};
    return (input.hostId === undefined || input.hostId === hostId) && Object.entries(match).every(([k, v]) => input[k] === v);
  };
}

export function LiveBridge() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // An event that arrives while the VM list is being fetched is applied again to its answer.
  useEffect(() => replayOnListAllFetched(queryClient, trpc), [queryClient, trpc]);

  useSubscription(
    trpc.live.events.subscriptionOptions(
      {},
      {
        onData: ({ data }) => {
          const hostId = data.hostId;
          if (data.kind === 'resync' || hostId === null) return void queryClient.invalidateQueries();
          switch (data.kind) {
            case 'lifecycle': {
              const uuid = data.domain.uuid;
              if (data.row === undefined) {
                void queryClient.invalidateQueries({ queryKey: trpc.domain.listAll.queryKey() });
                void queryClient.invalidateQueries({ queryKey: trpc.domain.list.queryKey({ hostId }) });
                void queryClient.invalidateQueries({ queryKey: trpc.host.overview.queryKey() });
              } else {
                patchDomainRow(queryClient, trpc, hostId, uuid, data.row);
              }
              // A pause or resume changes the state alone (patched above); other events change
              // what the VM page shows of its live definition: that page is fetched again.
              if (data.event !== 'suspended' && data.event !== 'resumed') void queryClient.invalidateQueries({ predicate: about(hostId, { uuid }) });
              return;
            }
            case 'block-job':
            case 'device':
            case 'media':
              return void queryClient.invalidateQueries({ predicate: about(hostId, { uuid: data.domain.uuid }) });
            case 'pool':
              if (data.row !== undefined) return patchPoolRow(queryClient, trpc, hostId, data.pool, data.row);
              return void queryClient.invalidateQueries({ queryKey: trpc.storage.pathKey(), predicate: about(hostId) });
            case 'network':
              if (data.row !== undefined) return patchNetworkRow(queryClient, trpc, hostId, data.network, data.row);
              return void queryClient.invalidateQueries({ queryKey: trpc.network.pathKey(), predicate: about(hostId) });
          }
        },
      },
    ),
  );

  useSubscription(
    trpc.host.states.subscriptionOptions(undefined, {
      onData: ({ data }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.host.list.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.host.overview.queryKey() });
        patchHostState(queryClient, trpc, data);
      },
    }),
  );
  return null;
}
