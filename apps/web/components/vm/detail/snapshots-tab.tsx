'use client';
// The VM's snapshots as a tree (read-only here; taking and reverting belong to the snapshot work).
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/vm-errors';
import { SnapshotNode } from './snapshot-node';

export function SnapshotsTab({ hostId, uuid }: { hostId: string; uuid: string }) {
  const trpc = useTRPC();
  const tree = useQuery(trpc.snapshot.tree.queryOptions({ hostId, uuid }));
  if (tree.isPending) return <Skeleton className="h-32" label="Loading snapshots" />;
  if (tree.isError) return <ErrorState title="Could not list snapshots" message={errorMessage(tree.error)} />;
  if (tree.data.roots.length === 0) return <EmptyState title="No snapshots" />;
  return (
    <ul role="tree" aria-label="Snapshots" className="rounded-lg border border-zinc-200 bg-white p-2 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      {tree.data.roots.map((n) => (
        <SnapshotNode key={n.snapshot.name} node={n} level={1} />
      ))}
    </ul>
  );
}
