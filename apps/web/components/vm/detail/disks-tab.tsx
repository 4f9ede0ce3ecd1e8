'use client';
// Every disk of the VM with its backing chain, and chain operations for operators.
import { Card, EmptyState } from '@virtdeck/ui';
import type { DomainDetails } from '~/lib/vm-types';
import { BackingChain } from '../backing-chain/backing-chain';
import { ChainOperations } from '../backing-chain/chain-operations';
import { ChainStatus } from '../backing-chain/chain-status';
import { useCanOperate } from '~/lib/use-me';

export function DisksTab({ hostId, vm }: { hostId: string; vm: DomainDetails }) {
  const canOperate = useCanOperate();
  const running = vm.state === 'running' || vm.state === 'paused';
  if (vm.disks.length === 0) return <EmptyState title="This VM has no disks" />;
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      {vm.disks.map((disk) => (
        <Card key={disk.targetDev} data-testid="disk" aria-label={`Disk ${disk.targetDev}`} role="region" className="space-y-3">
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
          <BackingChain chain={disk.chain} />
          {canOperate && running && disk.device === 'disk' ? (
            // Keyed by the chain, so its choices start afresh when a job changes the chain.
            <ChainOperations key={disk.chain.layers.length} hostId={hostId} uuid={vm.uuid} disk={disk} />
          ) : null}
        </Card>
      ))}
    </div>
  );
}
