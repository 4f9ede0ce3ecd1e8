'use client';
import { HostSection, PerHostPage } from '~/components/shell/per-host-page';
import { useIsAdmin } from '~/lib/use-is-admin';
import { DefineNetworkDialog } from './define-network-dialog';
import { NetworkTable } from './network-table';

export function NetworksOverview() {
  const isAdmin = useIsAdmin();
  return (
    <PerHostPage title="Networks" subtitle="Virtual networks of every host.">
      {(h) => (
        <HostSection key={h.id} host={h} label={`Networks of ${h.name}`} actions={isAdmin ? <DefineNetworkDialog hostId={h.id} hostName={h.name} /> : null}>
          <NetworkTable hostId={h.id} />
        </HostSection>
      )}
    </PerHostPage>
  );
}
