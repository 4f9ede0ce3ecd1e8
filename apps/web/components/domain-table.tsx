'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, EmptyState, ErrorState, Skeleton, StateBadge } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';

const mib = (kib: number) => `${Math.round(kib / 1024).toLocaleString('en-US')} MiB`;

export function DomainTable({ hostId }: { hostId: string }) {
  const trpc = useTRPC();
  const domains = useQuery(trpc.domain.list.queryOptions({ hostId }));
  if (domains.isPending) return <Skeleton className="h-40" label="Loading virtual machines" />;
  if (domains.isError) return <ErrorState title="Could not list virtual machines" message={domains.error.message} />;
  if (domains.data.length === 0) return <EmptyState title="No virtual machines on this host" />;
  return (
    <Card className="overflow-hidden p-0">
      <table className="w-full text-sm" aria-label="Virtual machines">
        <thead className="sticky top-0 bg-zinc-100 text-left text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-800">
          <tr>
            <th className="px-4 py-2 font-medium">Name</th>
            <th className="px-4 py-2 font-medium">State</th>
            <th className="px-4 py-2 text-right font-medium">vCPUs</th>
            <th className="px-4 py-2 text-right font-medium">Memory</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {domains.data.map((d) => (
            <tr key={d.uuid} data-testid="domain-row">
              <td className="px-4 py-2 font-medium">{d.name}</td>
              <td className="px-4 py-2">
                <StateBadge state={d.state} />
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{d.vcpus}</td>
              <td className="px-4 py-2 text-right tabular-nums">{mib(d.memoryKiB)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
