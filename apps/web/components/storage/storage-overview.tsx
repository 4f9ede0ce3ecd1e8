'use client';
import { useIsAdmin } from '~/lib/use-is-admin';
import { HostSection, PerHostPage } from '~/components/shell/per-host-page';
import { DefinePoolDialog } from './define-pool-dialog';
import { PoolTable } from './pool-table';

export function StorageOverview() {
  // Defining a pool names host paths: admins only (operators work inside existing pools).
  const isAdmin = useIsAdmin();
  return (
    <PerHostPage title="Storage" subtitle="Storage pools of every host; open a pool for its volumes and backing tree.">
      {(h) => (
        <HostSection
          key={h.id}
          host={h}
          label={`Storage of ${h.name}`}
          actions={isAdmin ? <DefinePoolDialog hostId={h.id} hostName={h.name} /> : null}
          whenBack="Its pools show once it is back."
        >
          <PoolTable hostId={h.id} />
        </HostSection>
      )}
    </PerHostPage>
  );
}
