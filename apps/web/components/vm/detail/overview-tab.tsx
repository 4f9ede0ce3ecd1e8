'use client';
// State, reason, vCPUs, memory, autostart, OS and graphics at a glance; the guest's addresses and
// agent; live graphs, then the collector's history, below.
import { StateBadge, type DomainState } from '@virtdeck/ui';
import type { ReactNode } from 'react';
import { formatKiB } from '~/lib/format';
import type { DomainDetails } from '~/lib/vm-types';
import { GuestSection } from '../guest/guest-section';
import { AutostartToggle } from './autostart-toggle';
import { VmHistory } from '../../metrics/vm-history';
import { LiveStats } from './live-stats';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="mt-0.5 truncate text-sm font-medium">{children}</dd>
    </div>
  );
}

export function OverviewTab({ hostId, vm }: { hostId: string; vm: DomainDetails }) {
  const state = vm.state as DomainState;
  const running = state === 'running' || state === 'blocked' || state === 'paused';
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
        <Item label="State">
          <StateBadge state={state} />
        </Item>
        <Item label="Reason">{vm.stateReason ?? '—'}</Item>
        <Item label="vCPUs">
          <span className="tabular-nums">{vm.vcpus === vm.maxVcpus ? vm.vcpus : `${vm.vcpus} of ${vm.maxVcpus}`}</span>
        </Item>
        <Item label="Memory">
          <span className="tabular-nums">{vm.currentMemoryKiB === vm.memoryKiB ? formatKiB(vm.memoryKiB) : `${formatKiB(vm.currentMemoryKiB)} of ${formatKiB(vm.memoryKiB)}`}</span>
        </Item>
        <Item label="Autostart">
          <AutostartToggle hostId={hostId} uuid={vm.uuid} autostart={vm.autostart} />
        </Item>
        <Item label="Machine">{[vm.os.arch, vm.os.machine].filter(Boolean).join(' · ') || vm.os.type}</Item>
        <Item label="Graphics">{vm.graphics.length ? vm.graphics.map((g) => `${g.type.toUpperCase()}${g.port ? ` :${g.port}` : ''}`).join(', ') : 'none'}</Item>
        <Item label="Disks">{vm.disks.length}</Item>
        <Item label="NICs">{vm.nics.length}</Item>
        <Item label="UUID">
          <span className="font-mono text-xs" title={vm.uuid}>
            {vm.uuid}
          </span>
        </Item>
      </dl>
      {vm.description ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{vm.description}</p> : null}
      <GuestSection hostId={hostId} uuid={vm.uuid} name={vm.name} running={state === 'running'} />
      <section aria-labelledby="live-heading" className="space-y-2">
        <h2 id="live-heading" className="text-sm font-semibold tracking-wide text-zinc-500 uppercase">
          Live
        </h2>
        <LiveStats hostId={hostId} uuid={vm.uuid} running={running} maxMemoryKiB={vm.memoryKiB} />
      </section>
      <VmHistory hostId={hostId} uuid={vm.uuid} />
    </div>
  );
}
