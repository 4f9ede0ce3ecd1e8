'use client';
// The VM's editable settings, as it runs now and as it will start next time: a value that
// differs on a running VM waits for the next boot and is marked pending. Operators get the
// edit dialogs; viewers only look. Fetched again whenever the VM's details change (the live
// bridge invalidates those on libvirt's events).
import { useQuery } from '@tanstack/react-query';
import { Badge, ErrorState, Skeleton } from '@virtdeck/ui';
import { useEffect, type ReactNode } from 'react';
import { formatKiB } from '~/lib/format';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { useCanOperate } from '~/lib/use-me';
import type { DomainDetails } from '~/lib/vm-types';
import { BootDialog } from './boot-dialog';
import { ResourcesDialog } from './resources-dialog';
import type { BootConfig, DomainSettings } from './settings-types';
import { TitleDialog } from './title-dialog';

const bootText = (b: BootConfig) => (b.order.length ? b.order.map((d) => (d.kind === 'disk' ? d.target : `NIC ${d.mac}`)).join(' → ') : 'firmware default');
const menuText = (b: BootConfig) => (b.menu.enabled ? `shown${b.menu.timeoutMs !== null ? `, ${b.menu.timeoutMs} ms` : ''}` : 'hidden');

const ROWS: { field: string; label: string; show: (s: DomainSettings) => ReactNode }[] = [
  { field: 'vcpus', label: 'vCPUs', show: (s) => s.vcpus },
  { field: 'maxVcpus', label: 'Maximum vCPUs', show: (s) => s.maxVcpus },
  { field: 'memoryMiB', label: 'Memory', show: (s) => formatKiB(s.memoryKiB) },
  { field: 'maxMemoryMiB', label: 'Maximum memory', show: (s) => formatKiB(s.maxMemoryKiB) },
  { field: 'boot', label: 'Boot order', show: (s) => bootText(s.boot) },
  { field: 'boot', label: 'Boot menu', show: (s) => menuText(s.boot) },
  { field: 'title', label: 'Title', show: (s) => s.title || '—' },
  { field: 'description', label: 'Description', show: (s) => s.description || '—' },
];

export function SettingsTab({ hostId, vm, version }: { hostId: string; vm: DomainDetails; version: number }) {
  const trpc = useTRPC();
  const canOperate = useCanOperate();
  const settings = useQuery(trpc.domain.edit.settings.queryOptions({ hostId, uuid: vm.uuid }));
  const { refetch } = settings;
  useEffect(() => {
    void refetch();
  }, [version, refetch]);

  if (settings.isPending) return <Skeleton className="h-64" label="Loading settings" />;
  if (settings.isError) return <ErrorState title="Could not read the settings" message={errorMessage(settings.error)} />;
  const { live, config, running, pending } = settings.data;
  return (
    <div className="space-y-4">
      {canOperate ? (
        <div className="flex flex-wrap gap-2">
          <ResourcesDialog hostId={hostId} uuid={vm.uuid} config={config} running={running} />
          <BootDialog hostId={hostId} vm={vm} boot={config.boot} running={running} />
          <TitleDialog hostId={hostId} uuid={vm.uuid} config={config} />
        </div>
      ) : null}
      <table className="w-full text-sm" aria-label="VM settings">
        <thead className="text-left text-xs tracking-wide text-zinc-500 uppercase">
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            <th className="py-2 pr-4 font-medium">Setting</th>
            {running ? <th className="py-2 pr-4 font-medium">Now</th> : null}
            <th className="py-2 pr-4 font-medium">{running ? 'At next boot' : 'Value'}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => {
            const waits = running && (pending as readonly string[]).includes(r.field) && JSON.stringify(r.show(live)) !== JSON.stringify(r.show(config));
            return (
              <tr key={r.label} className="border-b border-zinc-100 align-top dark:border-zinc-800/60" data-testid={`setting-${r.label}`}>
                <th scope="row" className="py-2 pr-4 text-left font-normal text-zinc-500">
                  {r.label}
                </th>
                {running ? <td className="py-2 pr-4 tabular-nums">{r.show(live)}</td> : null}
                <td className="py-2 pr-4 tabular-nums whitespace-pre-wrap">
                  {r.show(config)}
                  {waits ? (
                    <span className="ml-2 align-middle">
                      <Badge tone="amber" testId="pending-badge" title="Applies at the next boot">
                        pending
                      </Badge>
                    </span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
