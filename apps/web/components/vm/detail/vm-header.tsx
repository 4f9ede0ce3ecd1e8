'use client';
// The VM page's header: name, host, live state badge; lifecycle, clone, migrate and delete for operators.
import { StateBadge, type DomainState } from '@virtdeck/ui';
import { ChevronLeft } from 'lucide-react';
import Link from 'next/link';
import { useCanOperate } from '~/lib/use-me';
import type { DomainDetails } from '~/lib/vm-types';
import { CloneDialog } from '../clone/clone-dialog';
import { DeleteVmDialog } from '../lifecycle/delete-vm-dialog';
import { LifecycleBar } from '../lifecycle/lifecycle-bar';
import { MigrateDialog } from '../migrate/migrate-dialog';

export function VmHeader({ hostId, hostName, vm }: { hostId: string; hostName: string; vm: DomainDetails }) {
  const canOperate = useCanOperate();
  const state = vm.state as DomainState;
  return (
    <header className="space-y-3">
      <Link href="/vms" className="inline-flex items-center gap-1 rounded text-xs text-zinc-500 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-[var(--color-accent)] dark:hover:text-zinc-200">
        <ChevronLeft aria-hidden className="size-3.5" /> Virtual machines
      </Link>
      <div className="space-y-3">
        <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="truncate text-xl font-semibold tracking-tight" title={vm.name}>
            {vm.name}
          </h1>
          <span data-testid="vm-state">
            <StateBadge state={state} />
          </span>
          <span className="text-sm text-zinc-500">on {hostName}</span>
        </div>
        {canOperate ? (
          <div className="flex flex-wrap items-center justify-between gap-3">
            <LifecycleBar hostId={hostId} uuid={vm.uuid} name={vm.name} state={state} />
            <div className="flex items-center gap-2">
              <CloneDialog hostId={hostId} uuid={vm.uuid} name={vm.name} shutOff={state === 'shutoff'} />
              <MigrateDialog hostId={hostId} uuid={vm.uuid} name={vm.name} running={state === 'running' || state === 'paused'} />
              <DeleteVmDialog hostId={hostId} uuid={vm.uuid} name={vm.name} running={state !== 'shutoff' && state !== 'crashed'} />
            </div>
          </div>
        ) : null}
      </div>
    </header>
  );
}
