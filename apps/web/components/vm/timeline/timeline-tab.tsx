'use client';
// A VM's timeline: lifecycle changes, jobs and who did what, newest first. "Load older" follows
// the cursor; the BFF's timeline.follow says when something changed, and the loaded pages are
// fetched again, so new entries appear without a reload.
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { Button, EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { TimelineItem } from './timeline-item';

const PAGE = 50;

export function TimelineTab({ hostId, uuid }: { hostId: string; uuid: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { hostId, uuid, limit: PAGE };
  const timeline = useInfiniteQuery(trpc.timeline.list.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor }));
  useSubscription(
    trpc.timeline.follow.subscriptionOptions(
      { hostId, uuid },
      { onData: () => void queryClient.invalidateQueries({ queryKey: trpc.timeline.list.infiniteQueryKey(input) }) },
    ),
  );
  if (timeline.isPending) return <Skeleton className="h-48" label="Loading the timeline" />;
  if (timeline.isError) return <ErrorState title="Could not load the timeline" message={errorMessage(timeline.error)} />;
  const items = timeline.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState title="Nothing yet" hint="State changes, jobs and actions on this VM appear here as they happen." />;
  return (
    <div className="space-y-3">
      <ol aria-label="Timeline" className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {items.map((e) => (
          <TimelineItem key={e.id} entry={e} />
        ))}
      </ol>
      <div className="flex items-center justify-between text-sm text-zinc-500">
        <span className="tabular-nums">{items.length} entries shown · state changes kept: the newest 500 per VM, 180 days</span>
        {timeline.hasNextPage ? (
          <Button onClick={() => void timeline.fetchNextPage()} disabled={timeline.isFetchingNextPage}>
            {timeline.isFetchingNextPage ? 'Loading…' : 'Load older'}
          </Button>
        ) : (
          <span>The beginning</span>
        )}
      </div>
    </div>
  );
}
