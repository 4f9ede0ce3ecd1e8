'use client';
// One host: its name and connection state, then its history (CPU, memory, pools) from the
// metrics collector, readable while the host is down.
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { PageHeader } from '@virtdeck/ui/page-header';
import Link from 'next/link';
import { useTRPC } from '~/lib/trpc';
import { HostHistory } from '../metrics/host-history';
import { HostStateBadge } from './host-state-badge';

export function HostPage({ hostId }: { hostId: string }) {
  const trpc = useTRPC();
  const hosts = useQuery(trpc.host.list.queryOptions());
  if (hosts.isPending) return <Skeleton className="h-64" label="Loading host" />;
  if (hosts.isError) return <ErrorState title="Could not load the host" message={hosts.error.message} />;
  const host = hosts.data.find((h) => h.id === hostId);
  if (!host) {
    return (
      <div className="space-y-3">
        <EmptyState title="This host does not exist (any more)" hint="It may have been removed, or you may not be allowed to see it." />
        <Link href="/" className="text-sm text-[var(--color-accent)] hover:underline">
          Back to the hosts
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            {host.name}
            {host.state ? <HostStateBadge status={host.state.status} error={host.state.error} /> : null}
          </span>
        }
        subtitle="CPU, memory and storage pools over time"
      />
      <HostHistory hostId={host.id} />
    </div>
  );
}
