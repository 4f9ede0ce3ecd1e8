'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Tabs } from 'radix-ui';
import { ErrorState, Skeleton } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { useCanOperate } from '~/lib/use-me';
import { PageHeader } from '@virtdeck/ui/page-header';
import { BackingForest } from './backing-forest';
import { PoolActions } from './pool-actions';
import { PoolStateBadge } from './pool-state-badge';
import { PoolSummary } from './pool-summary';
import { VolumeTable } from './volume-table';

const tab =
  'border-b-2 border-transparent px-3 py-2 text-sm text-zinc-500 hover:text-zinc-800 data-[state=active]:border-[var(--color-accent)] data-[state=active]:font-medium data-[state=active]:text-zinc-900 dark:hover:text-zinc-200 dark:data-[state=active]:text-zinc-100';

/** One pool: its numbers, its volumes, and its backing tree. */
export function PoolPage({ hostId, pool }: { hostId: string; pool: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const canOperate = useCanOperate();
  const hosts = useQuery(trpc.host.list.queryOptions());
  const info = useQuery(trpc.storage.pool.get.queryOptions({ hostId, name: pool }));
  const hostName = hosts.data?.find((h) => h.id === hostId)?.name ?? hostId;
  return (
    <div className="space-y-5">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-500">
        <Link href="/storage" className="hover:underline">
          Storage
        </Link>{' '}
        / {hostName}
      </nav>
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            Pool {pool} {info.data ? <PoolStateBadge state={info.data.state} /> : null}
          </span>
        }
        actions={canOperate && info.data ? <PoolActions hostId={hostId} pool={info.data} onDeleted={() => router.push('/storage')} /> : null}
      />
      {info.isPending ? (
        <Skeleton className="h-24" label="Loading the pool" />
      ) : info.isError ? (
        <ErrorState title={`Could not read pool ${pool}`} message={info.error.message} />
      ) : (
        <>
          <PoolSummary pool={info.data} />
          {info.data.state !== 'running' ? (
            <p className="rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700">
              The pool is not active: start it to see its volumes.
            </p>
          ) : (
            <Tabs.Root defaultValue="volumes">
              <Tabs.List aria-label="Pool views" className="mb-4 flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
                <Tabs.Trigger value="volumes" className={tab}>
                  Volumes
                </Tabs.Trigger>
                <Tabs.Trigger value="forest" className={tab}>
                  Backing tree
                </Tabs.Trigger>
              </Tabs.List>
              <Tabs.Content value="volumes">
                <VolumeTable hostId={hostId} pool={pool} />
              </Tabs.Content>
              <Tabs.Content value="forest">
                <BackingForest hostId={hostId} pool={pool} />
              </Tabs.Content>
            </Tabs.Root>
          )}
        </>
      )}
    </div>
  );
}
