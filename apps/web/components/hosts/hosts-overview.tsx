'use client';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { AddHostDialog } from './add-host-dialog';
import { HostCard } from './host-card';
import { PageHeader } from '@virtdeck/ui/page-header';
import { useIsAdmin } from '~/lib/use-is-admin';

/** Every host the user may see; the live bridge re-fetches it when a host's state changes. */
export function HostsOverview() {
  const trpc = useTRPC();
  const isAdmin = useIsAdmin();
  const hosts = useQuery(trpc.host.overview.queryOptions());
  return (
    <div className="space-y-5">
      <PageHeader
        title="Hosts"
        subtitle={hosts.data ? `${hosts.data.length} host${hosts.data.length === 1 ? '' : 's'}` : undefined}
        actions={isAdmin ? <AddHostDialog /> : null}
      />
      {hosts.isPending ? (
        <div className="grid gap-4 xl:grid-cols-2">
          <Skeleton className="h-48" label="Loading hosts" />
          <Skeleton className="h-48" label="Loading hosts" />
        </div>
      ) : hosts.isError ? (
        <ErrorState title="Could not load the hosts" message={hosts.error.message} />
      ) : hosts.data.length === 0 ? (
        <EmptyState title="No hosts yet" hint={isAdmin ? 'Add a libvirt host by its URI.' : 'An admin can add a libvirt host, or give you access to one.'} />
      ) : (
        <div className="grid gap-4 xl:grid-cols-2">
          {hosts.data.map((h) => (
            <HostCard key={h.id} host={h} canManage={isAdmin} />
          ))}
        </div>
      )}
    </div>
  );
}
