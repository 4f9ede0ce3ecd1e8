'use client';
import { HostSection, PerHostPage } from '~/components/shell/per-host-page';
import { NetworkTable } from './network-table';

export function NetworksOverview() {
  return (
    <PerHostPage title="Networks" subtitle="Virtual networks of every host.">
      {(h) => (
        <HostSection key={h.id} host={h} label={`Networks of ${h.name}`}>
          <NetworkTable hostId={h.id} />
        </HostSection>
      )}
    </PerHostPage>
  );
}
