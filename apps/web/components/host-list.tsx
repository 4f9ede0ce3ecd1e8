'use client';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { DomainTable } from './domain-table';
import { HostStateBadge } from './host-state-badge';
import { HostSummary } from './host-summary';

export function HostList() {
  const trpc = useTRPC();
  const hosts = useQuery(trpc.host.list.queryOptions());
  if (hosts.isPending) return <Skeleton className="h-40" label="Loading hosts" />;
  if (hosts.isError) return <ErrorState title="Could not list hosts" message={hosts.error.message} />;
  if (hosts.data.length === 0) return <EmptyState title="No hosts yet" hint="An admin can add a libvirt host by its URI." />;
  return (
    <div className="space-y-10">
      {hosts.data.map((h) => (
        <section key={h.id} aria-label={`Host ${h.name}`} className="space-y-4">
          <div className="flex items-center gap-3">
            <h2 className="text-lg font-semibold tracking-tight">{h.name}</h2>
            <HostStateBadge status={h.state?.status ?? 'connecting'} error={h.state?.error ?? null} />
            <span className="truncate font-mono text-xs text-zinc-500" title={h.uri}>
              {h.uri}
            </span>
          </div>
          {h.state?.status === 'connected' ? (
            <>
              <HostSummary hostId={h.id} />
              <h3 className="text-sm font-semibold uppercase tracking-wide text-zinc-500">Virtual machines</h3>
              <DomainTable hostId={h.id} />
            </>
          ) : (
            <ErrorState title="This host is not connected" message={h.state?.error ?? 'connecting…'} />
          )}
        </section>
      ))}
    </div>
  );
}
