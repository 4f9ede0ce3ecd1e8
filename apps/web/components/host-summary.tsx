'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, ErrorState, Skeleton } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';

export function HostSummary({ hostId }: { hostId: string }) {
  const trpc = useTRPC();
  const info = useQuery(trpc.host.info.queryOptions({ hostId }));
  if (info.isPending) return <Skeleton className="h-20" label="Loading host" />;
  if (info.isError) return <ErrorState title="The host did not answer" message={info.error.message} />;
  const h = info.data;
  return (
    <Card>
      <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
        <Item label="Host" value={h.hostname} />
        <Item label="Hypervisor" value={`${h.hypervisor.type} ${h.hypervisor.version}`} />
        <Item label="libvirt" value={h.libvirtVersion} testId="libvirt-version" />
      </dl>
    </Card>
  );
}

function Item({ label, value, mono, testId }: { label: string; value: string; mono?: boolean; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs uppercase tracking-wide text-zinc-500">{label}</dt>
      <dd data-testid={testId} className={`truncate ${mono ? 'font-mono text-xs' : 'font-medium'}`} title={value}>
        {value}
      </dd>
    </div>
  );
}
