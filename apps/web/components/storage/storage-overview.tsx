'use client';
import { useCanOperate } from '~/lib/use-me';
import { HostSection, PerHostPage } from '../hosts/kit/per-host-page';
import { DefinePoolDialog } from './define-pool-dialog';
import { PoolTable } from './pool-table';

export function StorageOverview() {
  const canOperate = useCanOperate();
  return (
    <PerHostPage title="Storage" subtitle="Storage pools of every host; open a pool for its volumes and backing tree.">
      {(h) => (
        <HostSection
          key={h.id}
          host={h}
          label={`Storage of ${h.name}`}
          actions={canOperate ? <DefinePoolDialog hostId={h.id} hostName={h.name} /> : null}
          whenBack="Its pools show once it is back."
        >
          <PoolTable hostId={h.id} />
        </HostSection>
      )}
    </PerHostPage>
  );
}
