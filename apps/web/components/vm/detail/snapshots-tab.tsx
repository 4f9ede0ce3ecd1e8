'use client';
// The VM's snapshots as a tree (read-only here; taking and reverting belong to the snapshot work).
// An external snapshot links to the chain layers it created, while they are still in the chain.
import { useQuery } from '@tanstack/react-query';
import { layerPath } from '@virtdeck/libvirt-xml/chain-paths';
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import type { DomainDetails } from '~/lib/vm-types';
import { SnapshotNode } from './snapshot-node';

export function SnapshotsTab({ hostId, vm }: { hostId: string; vm: DomainDetails }) {
  const trpc = useTRPC();
  const tree = useQuery(trpc.snapshot.tree.queryOptions({ hostId, uuid: vm.uuid }));
  if (tree.isPending) return <Skeleton className="h-32" label="Loading snapshots" />;
  if (tree.isError) return <ErrorState title="Could not list snapshots" message={errorMessage(tree.error)} />;
  if (tree.data.roots.length === 0) return <EmptyState title="No snapshots" />;
  const inChain = new Set(vm.disks.flatMap((d) => d.chain.layers.map((l) => `${d.targetDev}\n${layerPath(l) ?? ''}`)));
  const isLayer = (disk: string, path: string) => inChain.has(`${disk}\n${path}`);
  return (
    <ul role="tree" aria-label="Snapshots" className="rounded-lg border border-zinc-200 bg-white p-2 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      {tree.data.roots.map((n) => (
        <SnapshotNode key={n.snapshot.name} node={n} level={1} isLayer={isLayer} />
      ))}
    </ul>
  );
}
