'use client';
// A page made of one section per host (storage, networks): the host list's loading, error and
// empty states, then each host under its name and state, its content shown once it is connected.
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { HostStateBadge } from '~/components/hosts/host-state-badge';
import { PageHeader } from '@virtdeck/ui/page-header';

export interface HostOfPage {
  id: string;
  name: string;
  state: { status: string; error: string | null } | null;
}

export function PerHostPage({ title, subtitle, children }: { title: string; subtitle: string; children: (host: HostOfPage) => ReactNode }) {
  const trpc = useTRPC();
  const hosts = useQuery(trpc.host.list.queryOptions());
  return (
    <div className="space-y-6">
      <PageHeader title={title} subtitle={subtitle} />
      {hosts.isPending ? (
        <Skeleton className="h-40" label="Loading hosts" />
      ) : hosts.isError ? (
        <ErrorState title="Could not list hosts" message={hosts.error.message} />
      ) : hosts.data.length === 0 ? (
        <EmptyState title="No hosts yet" />
      ) : (
        hosts.data.map((h) => children(h))
      )}
    </div>
  );
}

/**
 * One host's section: `children` once the host is connected, otherwise why not and `whenBack`
 * (what shows once it is back). `actions` sit beside the name, only while connected.
 */
export function HostSection({ host, label, actions, whenBack, children }: { host: HostOfPage; label: string; actions?: ReactNode; whenBack?: string; children: ReactNode }) {
  const status = host.state?.status ?? 'connecting';
  const connected = status === 'connected';
  return (
    <section aria-label={label} className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <h2 className="text-base font-semibold tracking-tight">{host.name}</h2>
          <HostStateBadge status={status} error={host.state?.error ?? null} />
        </div>
        {connected ? actions : null}
      </div>
      {connected ? (
        children
      ) : (
        <p className="rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700">
          Not connected{host.state?.error ? `: ${host.state.error}` : ''}.{whenBack ? ` ${whenBack}` : ''}
        </p>
      )}
    </section>
  );
}
