'use client';
// A VM's backup schedules (naming it, or a tag it carries) and its tags, for the VM page.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { tagSchema } from '@virtdeck/contract/schedule';
import { Button, ErrorState, Skeleton } from '@virtdeck/ui';
import { FormError } from '@virtdeck/ui/form-error';
import { Plus, X } from 'lucide-react';
import { useState } from 'react';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { useCanOperate } from '~/lib/use-me';
import { ScheduleDialog } from './schedule-dialog';
import { ScheduleTable } from './schedule-table';

export function VmSchedules({ hostId, uuid }: { hostId: string; uuid: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canOperate = useCanOperate();
  const data = useQuery(trpc.schedule.forVm.queryOptions({ hostId, uuid }));
  const [tag, setTag] = useState('');
  const [tagError, setTagError] = useState<string | null>(null);
  const setTags = useMutation(trpc.schedule.setTags.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.schedule.pathKey() }) }));
  if (data.isPending) return <Skeleton className="h-24" label="Loading backup schedules" />;
  if (data.isError) return <ErrorState title="Could not load backup schedules" message={errorMessage(data.error)} />;
  const tags = data.data.tags;
  const addTag = () => {
    const parsed = tagSchema.safeParse(tag);
    if (!parsed.success) return setTagError(parsed.error.issues[0]?.message ?? 'not a tag');
    setTagError(null);
    setTags.mutate({ hostId, uuid, tags: [...tags, parsed.data] }, { onSuccess: () => setTag('') });
  };
  return (
    <section aria-label="Backup schedules of this VM" className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <h3 className="text-sm font-semibold">Backup schedules</h3>
        {canOperate ? (
          <ScheduleDialog
            hostId={hostId}
            presetVm={uuid}
            trigger={(open) => (
              <Button size="sm" onClick={open}>
                <Plus className="size-3.5" aria-hidden /> New schedule
              </Button>
            )}
          />
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm" aria-label="Tags">
        <span className="text-zinc-500">Tags:</span>
        {tags.length === 0 ? <span className="text-zinc-400">none</span> : null}
        {tags.map((t) => (
          <span key={t} data-testid="vm-tag" className="inline-flex items-center gap-1 rounded-full bg-zinc-100 px-2 py-0.5 text-xs dark:bg-zinc-800">
            {t}
            {canOperate ? (
              <button type="button" aria-label={`Remove tag ${t}`} onClick={() => setTags.mutate({ hostId, uuid, tags: tags.filter((x) => x !== t) })}>
                <X className="size-3" aria-hidden />
              </button>
            ) : null}
          </span>
        ))}
        {canOperate ? (
          <form
            className="inline-flex items-center gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              addTag();
            }}
          >
            <input aria-label="New tag" value={tag} onChange={(e) => setTag(e.target.value)} placeholder="add a tag" className="h-7 w-28 rounded-md border border-zinc-300 px-2 text-xs dark:border-zinc-700 dark:bg-zinc-900" />
            <Button size="sm" type="submit" disabled={setTags.isPending}>
              Add
            </Button>
          </form>
        ) : null}
      </div>
      <FormError message={tagError ?? (setTags.isError ? errorMessage(setTags.error) : null)} />
      <ScheduleTable hostId={hostId} only={data.data.schedules} />
    </section>
  );
}
