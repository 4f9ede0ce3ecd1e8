'use client';
// The VM page's tabs (Radix: arrow keys move between them). Hidden tabs are unmounted, so the
// live graphs subscribe only while Overview shows.
import { Tabs } from 'radix-ui';
import { useState } from 'react';
import type { DomainDetails } from '~/lib/vm-types';
import { ConsoleTab } from './console-tab';
import { DisksTab } from './disks-tab';
import { NicsTab } from './nics-tab';
import { SettingsTab } from '../edit/settings-tab';
import { OverviewTab } from './overview-tab';
import { SnapshotsTab } from './snapshots-tab';
import { BackupsTab } from '../backups/backups-tab';
import { TabNavProvider } from './tab-nav';
import { TimelineTab } from '../timeline/timeline-tab';
import { VmSchedules } from '../../schedules/vm-schedules';
import { XmlTab } from './xml-tab';

const TABS = [
  { value: 'overview', label: 'Overview' },
  { value: 'settings', label: 'Settings' },
  { value: 'disks', label: 'Disks' },
  { value: 'nics', label: 'NICs' },
  { value: 'console', label: 'Console' },
  { value: 'snapshots', label: 'Snapshots' },
  { value: 'backups', label: 'Backups' },
  { value: 'timeline', label: 'Timeline' },
  { value: 'schedules', label: 'Schedules' },
  { value: 'xml', label: 'XML' },
] as const;

export function VmTabs({ hostId, vm, version }: { hostId: string; vm: DomainDetails; version: number }) {
  const [tab, setTab] = useState<string>('overview');
  const content = 'pt-4 focus-visible:outline-none';
  return (
    <TabNavProvider setTab={setTab}>
      <Tabs.Root value={tab} onValueChange={setTab}>
        <Tabs.List aria-label="VM details" className="flex gap-1 overflow-x-auto border-b border-zinc-200 dark:border-zinc-800">
          {TABS.map((t) => (
            <Tabs.Trigger
              key={t.value}
              value={t.value}
              className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm whitespace-nowrap text-zinc-600 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-[var(--color-accent)] data-[state=active]:border-[var(--color-accent)] data-[state=active]:font-medium data-[state=active]:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100 dark:data-[state=active]:text-zinc-100"
            >
              {t.label}
              {t.value === 'disks' ? <span className="ml-1 text-xs text-zinc-400">{vm.disks.length}</span> : null}
              {t.value === 'nics' ? <span className="ml-1 text-xs text-zinc-400">{vm.nics.length}</span> : null}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <Tabs.Content value="overview" className={content}>
          <OverviewTab hostId={hostId} vm={vm} />
        </Tabs.Content>
        <Tabs.Content value="settings" className={content}>
          <SettingsTab hostId={hostId} vm={vm} version={version} />
        </Tabs.Content>
        <Tabs.Content value="disks" className={content}>
          <DisksTab hostId={hostId} vm={vm} />
        </Tabs.Content>
        <Tabs.Content value="nics" className={content}>
          <NicsTab hostId={hostId} vm={vm} version={version} />
        </Tabs.Content>
        <Tabs.Content value="console" className={content}>
          <ConsoleTab hostId={hostId} vm={vm} />
        </Tabs.Content>
        <Tabs.Content value="snapshots" className={content}>
          <SnapshotsTab hostId={hostId} vm={vm} />
        </Tabs.Content>
        <Tabs.Content value="backups" className={content}>
          <BackupsTab hostId={hostId} vm={vm} />
        </Tabs.Content>
        <Tabs.Content value="timeline" className={content}>
          <TimelineTab hostId={hostId} uuid={vm.uuid} />
        </Tabs.Content>
        <Tabs.Content value="schedules" className={content}>
          <VmSchedules hostId={hostId} uuid={vm.uuid} />
        </Tabs.Content>
        <Tabs.Content value="xml" className={content}>
          <XmlTab hostId={hostId} uuid={vm.uuid} version={version} />
        </Tabs.Content>
      </Tabs.Root>
    </TabNavProvider>
  );
}
