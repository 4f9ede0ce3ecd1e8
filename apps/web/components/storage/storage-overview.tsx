'use client';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { PageHeader } from '../hosts/kit/page-header';
import { HostStorage } from './host-storage';

export function StorageOverview() {
  const trpc = useTRPC();
  const hosts = useQuery(trpc.host.list.queryOptions());
  return (
    <div className="space-y-6">
      <PageHeader title="Storage" subtitle="Storage pools of every host; open a pool for its volumes and backing tree." />
      {hosts.isPending ? (
        <Skeleton className="h-40" label="Loading hosts" />
      ) : hosts.isError ? (
        <ErrorState title="Could not list hosts" message={hosts.error.message} />
      ) : hosts.data.length === 0 ? (
        <EmptyState title="No hosts yet" />
      ) : (
        hosts.data.map((h) => <HostStorage key={h.id} host={h} />)
      )}
    </div>
  );
}
