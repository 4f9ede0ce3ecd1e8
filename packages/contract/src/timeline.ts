// A VM's timeline: what happened to it, newest first. Three sources, merged: lifecycle changes
// libvirt reported, jobs run on it (with outcome and duration), and the audit log's rows that name
// it (who did what).
import { z } from './zod-jitless.ts';
import { domainInput } from './domain.ts';

export const timelineInput = domainInput.extend({
  limit: z.number().int().min(1).max(200).default(50),
  /** `nextCursor` of the previous page; absent or null for the first (newest) page. */
  cursor: z.string().max(200).nullish(),
});
export type TimelineInput = z.input<typeof timelineInput>;

export type TimelineJobKind = 'blockjob' | 'snapshot' | 'backup' | 'restore' | 'clone';
/** `missed`: a scheduled run whose due time passed while no BFF ran (`at` is the due time). */
export type TimelineJobOutcome = 'ok' | 'failed' | 'cancelled' | 'missed';

interface EntryBase {
  /** Unique within the timeline: the source's letter and its row id ("l:12", "j:<uuid>", "a:7"). */
  id: string;
  /** Epoch ms: when the change happened, the job started, or the audited action was done. */
  at: number;
}

export type TimelineEntry =
  | (EntryBase & { kind: 'lifecycle'; event: string | null; detail: string | null })
  | (EntryBase & {
      kind: 'job';
      job: TimelineJobKind;
      detail: string | null;
      actor: string | null;
      /** Null while the job runs, or when the BFF stopped before it ended. */
      endedAt: number | null;
      durationMs: number | null;
      outcome: TimelineJobOutcome | null;
      error: string | null;
    })
  | (EntryBase & {
      kind: 'audit';
      username: string;
      action: string;
      objectType: string;
      objectName: string;
      result: 'ok' | 'error';
      detail: string | null;
    });

export interface TimelinePage {
  items: TimelineEntry[];
  /** Pass as `cursor` for the next (older) page; null when this is the last. */
  nextCursor: string | null;
}
