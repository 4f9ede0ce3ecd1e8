'use client';
// The VM's network interfaces; operators attach, change, detach and set the link of each.
import { EmptyState } from '@virtdeck/ui';
import { useCanOperate } from '~/lib/use-me';
import type { DomainDetails } from '~/lib/vm-types';
import { AttachNicDialog } from '../nics/attach-nic-dialog';
import { DetachNicAction } from '../nics/detach-nic-action';
import { EditNicDialog } from '../nics/edit-nic-dialog';
import { NicLinkButton } from '../nics/nic-link-button';

export function NicsTab({ hostId, vm }: { hostId: string; vm: DomainDetails }) {
  const canOperate = useCanOperate();
  const running = vm.state !== 'shutoff' && vm.state !== 'crashed';
  return (
    <div className="space-y-3">
      {canOperate ? (
        <div className="flex justify-end">
          <AttachNicDialog hostId={hostId} uuid={vm.uuid} running={running} />
        </div>
      ) : null}
      {vm.nics.length === 0 ? (
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
                {canOperate ? <th className="px-3 py-2 text-right font-medium">Actions</th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 bg-white dark:divide-zinc-800 dark:bg-zinc-900">
              {vm.nics.map((n, i) => {
                const source = n.source.network ?? n.source.bridge ?? n.source.dev ?? null;
                return (
                  <tr key={n.mac ?? i} data-testid="nic-row">
                    <td className="px-3 py-2">{n.type}</td>
                    <td className="px-3 py-2">{source ?? '—'}</td>
                    <td className="px-3 py-2">{n.model ?? '—'}</td>
                    <td className="px-3 py-2 font-mono text-xs">{n.mac ?? '—'}</td>
                    <td className="px-3 py-2 font-mono text-xs">{n.targetDev ?? '—'}</td>
                    <td className="px-3 py-2" data-testid="nic-link">
                      {n.linkUp ? 'up' : <span className="text-amber-700 dark:text-amber-300">down</span>}
                    </td>
                    {canOperate ? (
                      <td className="px-3 py-1 text-right whitespace-nowrap">
                        {n.mac ? (
                          <>
                            <NicLinkButton hostId={hostId} uuid={vm.uuid} mac={n.mac} linkUp={n.linkUp} />
                            <EditNicDialog hostId={hostId} uuid={vm.uuid} nic={{ ...n, mac: n.mac }} />
                            <DetachNicAction hostId={hostId} uuid={vm.uuid} vmName={vm.name} mac={n.mac} where={source ? `${n.type} ${source}` : n.type} />
                          </>
                        ) : null}
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
