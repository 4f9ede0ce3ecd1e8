'use client';
import { useCanOperate } from '~/lib/use-me';
import { HostStateBadge } from '../hosts/host-state-badge';
import { DefinePoolDialog } from './define-pool-dialog';
import { PoolTable } from './pool-table';

/** One host's pools, under the host's name and state. */
export function HostStorage({ host }: { host: { id: string; name: string; state: { status: string; error: string | null } | null } }) {
  const canOperate = useCanOperate();
  const status = host.state?.status ?? 'connecting';
  return (
    <section aria-label={`Storage of ${host.name}`} className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <h2 className="text-base font-semibold tracking-tight">{host.name}</h2>
          <HostStateBadge status={status} error={host.state?.error ?? null} />
        </div>
        {canOperate && status === 'connected' ? <DefinePoolDialog hostId={host.id} hostName={host.name} /> : null}
      </div>
      {status === 'connected' ? (
        <PoolTable hostId={host.id} />
      ) : (
        <p className="rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700">
          Not connected{host.state?.error ? `: ${host.state.error}` : ''}. Its pools show once it is back.
        </p>
      )}
    </section>
  );
}
