'use client';
// Keeps cached state live: libvirt's domain, pool and network events and host state changes
// arrive over the websocket subscription and invalidate exactly the queries they concern, which
// then re-fetch.
// Nothing polls. After a reconnect the subscription resumes from its last event id; a `resync`
// (events may have been missed) re-fetches everything about that host.
import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useTRPC } from '~/lib/trpc';

export function LiveBridge() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  useSubscription(
    trpc.live.events.subscriptionOptions(
      {},
      {
        onData: ({ data }) => {
          const hostId = data.hostId;
          if (data.kind === 'resync' || hostId === null) {
            void queryClient.invalidateQueries();
            return;
          }
          if (data.kind === 'pool') return void queryClient.invalidateQueries({ queryKey: trpc.storage.pathKey() });
          if (data.kind === 'network') return void queryClient.invalidateQueries({ queryKey: trpc.network.pathKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.domain.list.queryKey({ hostId }) });
          void queryClient.invalidateQueries({ queryKey: trpc.domain.get.queryKey({ hostId, uuid: data.domain.uuid }) });
          void queryClient.invalidateQueries({ queryKey: trpc.host.overview.queryKey() });
        },
      },
    ),
  );

  useSubscription(
    trpc.host.states.subscriptionOptions(undefined, {
      onData: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.host.list.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.host.overview.queryKey() });
      },
    }),
  );
  return null;
}
