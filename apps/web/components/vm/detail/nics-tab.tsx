'use client';
// The VM's network interfaces, as the running VM and its definition have them (a change that
// waits for the next start is marked); operators attach, change, detach and set the link of
// each. Refetched whenever the VM's details are (libvirt's events, or our own change).
import { useQuery } from '@tanstack/react-query';
import { Badge, EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { useEffect } from 'react';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { useCanOperate } from '~/lib/use-me';
import type { DomainDetails } from '~/lib/vm-types';
import { AttachNicDialog } from '../nics/attach-nic-dialog';
import { DetachNicAction } from '../nics/detach-nic-action';
import { EditNicDialog } from '../nics/edit-nic-dialog';
import { NicLinkButton } from '../nics/nic-link-button';
import { nicWhere } from '../nics/nic-where';

export function NicsTab({ hostId, vm, version }: { hostId: string; vm: DomainDetails; version: number }) {
  const trpc = useTRPC();
  const canOperate = useCanOperate();
  const list = useQuery(trpc.domain.nics.list.queryOptions({ hostId, uuid: vm.uuid }));
  const { refetch } = list;
  useEffect(() => {
    void refetch();
  }, [version, refetch]);
  const running = vm.state !== 'shutoff' && vm.state !== 'crashed';

  if (list.isPending) return <Skeleton className="h-24" label="Loading network interfaces" />;
  if (list.isError) return <ErrorState title="Could not read the network interfaces" message={errorMessage(list.error)} />;
  return (
    <div className="space-y-3">
      {canOperate ? (
        <div className="flex justify-end">
          <AttachNicDialog hostId={hostId} uuid={vm.uuid} running={running} />
        </div>
      ) : null}
      {list.data.nics.length === 0 ? (
        <EmptyState title="This VM has no network interfaces" />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
          <table className="w-full text-sm" aria-label="Network interfaces">
            <thead className="bg-zinc-100 text-left text-xs tracking-wide text-zinc-500 uppercase dark:bg-zinc-800">
              <tr>
                <th className="px-3 py-2 font-medium">Type</th>
                <th className="px-3 py-2 font-medium">Source</th>
                <th className="px-3 py-2 font-medium">Model</th>
                <th className="px-3 py-2 font-medium">MAC</th>
                <th className="px-3 py-2 font-medium">Host device</th>
                <th className="px-3 py-2 font-medium">Link</th>
                <th className="px-3 py-2 font-medium">
                  <span className="sr-only">Next start</span>
                </th>
                {canOperate ? <th className="px-3 py-2 text-right font-medium">Actions</th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 bg-white dark:divide-zinc-800 dark:bg-zinc-900">
              {list.data.nics.map((pair) => {
                // What runs now; the definition's when the VM is off (or has not taken it yet).
                const n = (list.data.running ? (pair.live ?? pair.config) : (pair.config ?? pair.live)) as NonNullable<typeof pair.live>;
                const source = n.source.network ?? n.source.bridge ?? n.source.dev ?? null;
                const where = nicWhere(pair, list.data.running);
                return (
                  <tr key={pair.mac} data-testid="nic-row">
                    <td className="px-3 py-2">{n.type}</td>
                    <td className="px-3 py-2">{source ?? '—'}</td>
                    <td className="px-3 py-2">{n.model ?? '—'}</td>
                    <td className="px-3 py-2 font-mono text-xs">{pair.mac}</td>
                    <td className="px-3 py-2 font-mono text-xs">{n.targetDev ?? '—'}</td>
                    <td className="px-3 py-2" data-testid="nic-link">
                      {n.linkUp ? 'up' : <span className="text-amber-700 dark:text-amber-300">down</span>}
                    </td>
                    <td className="px-3 py-2">{where ? <Badge tone="amber" testId="nic-pending">{where}</Badge> : null}</td>
                    {canOperate ? (
                      <td className="px-3 py-1 text-right whitespace-nowrap">
                        <NicLinkButton hostId={hostId} uuid={vm.uuid} mac={pair.mac} linkUp={n.linkUp} />
                        <EditNicDialog hostId={hostId} uuid={vm.uuid} nic={{ ...(pair.config ?? n), mac: pair.mac }} />
                        <DetachNicAction hostId={hostId} uuid={vm.uuid} vmName={vm.name} mac={pair.mac} where={source ? `${n.type} ${source}` : n.type} />
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
