'use client';
// The VM's snapshots as a tree; operators take, revert, describe and delete them here, and the tree
// and the disks' chains re-fetch in place. An external snapshot links to the chain layers it
// created, while they are still in the chain.
import { useQuery } from '@tanstack/react-query';
import { layerPath } from '@virtdeck/libvirt-xml/chain-paths';
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { useCanOperate } from '~/lib/use-me';
import { TakeSnapshotDialog } from '../snapshots/take-snapshot-dialog';
import type { DomainDetails } from '~/lib/vm-types';
import { SnapshotNode } from './snapshot-node';

export function SnapshotsTab({ hostId, vm }: { hostId: string; vm: DomainDetails }) {
  const trpc = useTRPC();
  const canOperate = useCanOperate();
  const tree = useQuery(trpc.snapshot.tree.queryOptions({ hostId, uuid: vm.uuid }));
  if (tree.isPending) return <Skeleton className="h-32" label="Loading snapshots" />;
  if (tree.isError) return <ErrorState title="Could not list snapshots" message={errorMessage(tree.error)} />;
  const toolbar = canOperate ? (
    <div className="mb-2 flex justify-end">
      <TakeSnapshotDialog hostId={hostId} uuid={vm.uuid} tree={tree.data} />
    </div>
  ) : null;
  if (tree.data.roots.length === 0) {
    return (
      <div>
        {toolbar}
        <EmptyState title="No snapshots" />
      </div>
    );
  }
  const actions = canOperate ? { hostId, uuid: vm.uuid, running: tree.data.running } : null;
  const inChain = new Set(vm.disks.flatMap((d) => d.chain.layers.map((l) => `${d.targetDev}\n${layerPath(l) ?? ''}`)));
  const isLayer = (disk: string, path: string) => inChain.has(`${disk}\n${path}`);
  return (
    <div>
      {toolbar}
      <ul role="tree" aria-label="Snapshots" className="rounded-lg border border-zinc-200 bg-white p-2 text-sm dark:border-zinc-800 dark:bg-zinc-900">
        {tree.data.roots.map((n) => (
          <SnapshotNode key={n.snapshot.name} node={n} level={1} isLayer={isLayer} actions={actions} />
        ))}
      </ul>
    </div>
  );
}
