'use client';
import { Card } from '@virtdeck/ui';
import type { RouterOutputs } from '~/lib/api-types';
import { formatKiB } from '~/lib/format';
import Link from 'next/link';
import { HostFact } from './host-fact';
import { hostHref } from './host-href';
import { HostStateBadge } from './host-state-badge';
import { HostStateDetail } from './host-state-detail';
import { PoolRoots } from './pool-roots';
import { RemoveHostButton } from './remove-host-button';
import { VmCounts } from './vm-counts';

export type HostOverview = RouterOutputs['host']['overview'][number];

/** One host at a glance: state, versions, size, and its VMs by state. */
export function HostCard({ host, canManage }: { host: HostOverview; canManage: boolean }) {
  const info = host.info;
  return (
    <Card className="space-y-4" data-testid="host-card" aria-label={`Host ${host.name}`} role="region">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex items-center gap-2">
            <h2 className="truncate text-base font-semibold tracking-tight">
              <Link href={hostHref(host.id)} className="hover:underline">
                {host.name}
              </Link>
            </h2>
            <HostStateBadge status={host.state.status} error={host.state.error} />
          </div>
          {/* Only admins get the URI (its parameters name sockets, users and key files). */}
          {host.uri !== null ? (
            <p className="mt-0.5 truncate font-mono text-xs text-zinc-500" title={host.uri}>
              {host.uri}
            </p>
          ) : null}
        </div>
        {canManage ? <RemoveHostButton hostId={host.id} name={host.name} /> : null}
      </div>
      {info ? (
        <>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm sm:grid-cols-4">
            <HostFact label="libvirt" value={info.libvirt} testId="libvirt-version" />
            <HostFact label="Hypervisor" value={`${info.hypervisor.type} ${info.hypervisor.version}`} testId="hypervisor-version" />
            <HostFact label="CPUs" value={`${info.node.cpus} × ${(info.node.mhz / 1000).toFixed(1)} GHz`} numeric />
            <HostFact label="Memory" value={formatKiB(info.node.memoryKiB)} numeric testId="host-memory" />
          </dl>
          <VmCounts counts={info.vmCounts} total={info.vmTotal} />
        </>
      ) : host.state.status === 'connected' && host.error ? (
        <p role="alert" className="font-mono text-xs text-red-700 dark:text-red-400">
          {host.error}
        </p>
      ) : (
        <HostStateDetail state={host.state} />
      )}
      {canManage ? <PoolRoots hostId={host.id} hostName={host.name} /> : null}
    </Card>
  );
}
