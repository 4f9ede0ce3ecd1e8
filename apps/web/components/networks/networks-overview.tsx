'use client';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { HostStateBadge } from '../hosts/host-state-badge';
import { PageHeader } from '../hosts/kit/page-header';
import { NetworkTable } from './network-table';

export function NetworksOverview() {
  const trpc = useTRPC();
  const hosts = useQuery(trpc.host.list.queryOptions());
  return (
    <div className="space-y-6">
      <PageHeader title="Networks" subtitle="Virtual networks of every host." />
      {hosts.isPending ? (
        <Skeleton className="h-40" label="Loading hosts" />
      ) : hosts.isError ? (
        <ErrorState title="Could not list hosts" message={hosts.error.message} />
      ) : hosts.data.length === 0 ? (
        <EmptyState title="No hosts yet" />
      ) : (
        hosts.data.map((h) => {
          const status = h.state?.status ?? 'connecting';
          return (
            <section key={h.id} aria-label={`Networks of ${h.name}`} className="space-y-3">
              <div className="flex items-center gap-2">
                <h2 className="text-base font-semibold tracking-tight">{h.name}</h2>
                <HostStateBadge status={status} error={h.state?.error ?? null} />
              </div>
              {status === 'connected' ? (
                <NetworkTable hostId={h.id} />
              ) : (
                <p className="rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700">
                  Not connected{h.state?.error ? `: ${h.state.error}` : ''}.
                </p>
              )}
            </section>
          );
        })
      )}
    </div>
  );
}
