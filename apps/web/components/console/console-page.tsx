'use client';
import { useQuery } from '@tanstack/react-query';
import { ErrorState, Skeleton, StateBadge } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { ConsolePanel } from './console-panel';

export function ConsolePage({ hostId, uuid }: { hostId: string; uuid: string }) {
  const trpc = useTRPC();
  const dom = useQuery(trpc.domain.get.queryOptions({ hostId, uuid }));
  if (dom.isPending) return <Skeleton className="h-96" label="Loading the domain" />;
  if (dom.isError) return <ErrorState title="Could not load the domain" message={dom.error.message} />;
  const d = dom.data;
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold tracking-tight">{d.name}</h1>
        <StateBadge state={d.state} />
        <span className="text-sm text-zinc-500">console</span>
      </div>
      <ConsolePanel
        hostId={hostId}
        uuid={uuid}
        graphics={d.graphics.map((g) => g.type)}
        hasSerial={d.consoles.length > 0 || d.serials.length > 0}
        running={d.state === 'running' || d.state === 'paused'}
      />
    </div>
  );
}
