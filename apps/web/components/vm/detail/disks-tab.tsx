'use client';
// Every disk of the VM with its backing chain, its running block job (live while this tab shows),
// and chain operations for operators; layers link to the external snapshots that created them.
// Operators also attach, detach, grow and set up disks and CD-ROM media (components/vm/disks).
import { useQuery } from '@tanstack/react-query';
import { Card, EmptyState } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { useCanOperate } from '~/lib/use-me';
import type { DomainDetails, SnapshotNode } from '~/lib/vm-types';
import { OverlayDialog } from '../../storage/overlay-dialog';
import { BackingChain } from '../backing-chain/backing-chain';
import { BlockJobPanel } from '../backing-chain/block-job-panel';
import { ChainOperations } from '../backing-chain/chain-operations';
import { ChainStatus } from '../backing-chain/chain-status';
import { useBlockJobs } from '../backing-chain/use-block-jobs';
import { DiskActions } from '../disks/disk-actions';
import { DisksToolbar } from '../disks/disks-toolbar';

/** `${disk}\n${overlay path}` → the external snapshot that created that overlay. */
function overlayCreators(roots: SnapshotNode[]): Map<string, string> {
  const out = new Map<string, string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const n = stack.pop() as SnapshotNode;
    for (const d of n.snapshot.disks) if (d.overlayPath) out.set(`${d.name}\n${d.overlayPath}`, n.snapshot.name);
    stack.push(...(n.children as SnapshotNode[]));
  }
  return out;
}

export function DisksTab({ hostId, vm }: { hostId: string; vm: DomainDetails }) {
  const trpc = useTRPC();
  const canOperate = useCanOperate();
  const running = vm.state === 'running' || vm.state === 'paused';
  const blockJobs = useBlockJobs(hostId, vm.uuid, running);
  const snapshots = useQuery(trpc.snapshot.tree.queryOptions({ hostId, uuid: vm.uuid }));
  const creators = overlayCreators(snapshots.data?.roots ?? []);
  const toolbar = canOperate ? <DisksToolbar hostId={hostId} uuid={vm.uuid} running={running} /> : null;
  if (vm.disks.length === 0) {
    return (
      <div className="space-y-3">
        {toolbar}
        <EmptyState title="This VM has no disks" />
      </div>
    );
  }
  return (
    <div className="space-y-3">
      {toolbar}
      <div className="grid gap-4 xl:grid-cols-2">
        {vm.disks.map((disk) => (
          <Card key={disk.targetDev} data-testid="disk" aria-label={`Disk ${disk.targetDev}`} role="region" className="min-w-0 space-y-3">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <h3 className="font-mono text-sm font-semibold">{disk.targetDev}</h3>
              <span className="text-xs text-zinc-500">
                {disk.device}
                {disk.bus ? ` · ${disk.bus}` : ''}
                {disk.driver.cache ? ` · cache ${disk.driver.cache}` : ''}
                {disk.readonly ? ' · read-only' : ''}
                {disk.shareable ? ' · shareable' : ''}
                {disk.bootOrder ? ` · boot ${disk.bootOrder}` : ''}
              </span>
              <span className="ml-auto">
                <ChainStatus status={disk.chain.status} />
              </span>
            </div>
            <BackingChain
              disk={disk.targetDev}
              chain={disk.chain}
              createdBy={(path) => creators.get(`${disk.targetDev}\n${path}`) ?? null}
              layerActions={(layer, depth) =>
                // A linked clone needs a base nobody writes to: a backing layer of a running VM, or
                // any layer of a VM that is shut off.
                canOperate && layer.volume && (depth > 0 || !running) ? (
                  <OverlayDialog hostId={hostId} base={{ pool: layer.volume.pool, name: layer.volume.name, capacity: layer.volume.capacity }} label="New overlay (linked clone)" />
                ) : null
              }
            />
            <BlockJobPanel
              hostId={hostId}
              uuid={vm.uuid}
              disk={disk.targetDev}
              job={blockJobs.jobs.get(disk.targetDev)}
              ended={blockJobs.ended.get(disk.targetDev)}
              canOperate={canOperate}
            />
            {canOperate && running && disk.device === 'disk' ? (
              // Keyed by the chain, so its choices start afresh when a job changes the chain.
              <ChainOperations
                key={disk.chain.layers.length}
                hostId={hostId}
                uuid={vm.uuid}
                vmName={vm.name}
                disk={disk}
                jobRunning={blockJobs.jobs.has(disk.targetDev)}
                onStarted={blockJobs.watch}
              />
            ) : null}
            {canOperate ? <DiskActions hostId={hostId} uuid={vm.uuid} vmName={vm.name} disk={disk} running={running} /> : null}
          </Card>
        ))}
      </div>
    </div>
  );
}
