// Block jobs in the job history. A job is recorded when the BFF starts it (before libvirt's call,
// so even an instant job's end event finds its row) and ended by libvirt's block-job event
// (completed, failed, canceled), which every replica receives: the first end wins, the others
// change nothing. The disk leads the detail ("vda: ..."), which is how the end finds its start.
import type { Db } from '../db/database.js';
import type { EventLog } from '../live/event-log.js';
import type { LiveEvent } from '../live/live-events.js';
import { recordJobEnd, recordJobStart, type JobOutcome } from './history.js';

export interface BlockJobStart {
  hostId: string;
  uuid: string;
  disk: string;
  /** What the job does: "active commit", "pull", "copy to /pool/x.qcow2". */
  what: string;
  actor: string;
}

/**
 * Records the job and runs `start` (libvirt's call that begins it). When the call fails there is
 * no job, and its row ends as failed at once.
 */
export async function startRecordedBlockJob<T>(db: Db, job: BlockJobStart, start: () => Promise<T>): Promise<T> {
  const id = await recordJobStart(db, { hostId: job.hostId, uuid: job.uuid, kind: 'blockjob', detail: `${job.disk}: ${job.what}`, actor: job.actor });
  try {
    return await start();
  } catch (err) {
    await recordJobEnd(db, id, { outcome: 'failed', error: err instanceof Error ? err.message : String(err) });
    throw err;
  }
}

const OUTCOME: Record<string, JobOutcome> = { completed: 'ok', failed: 'failed', canceled: 'cancelled' };

/** Ends each recorded block job when libvirt says it ended; answers the function that stops. */
export function startBlockJobRecorder(db: Db, events: EventLog<LiveEvent>): () => void {
  return events.listen(({ event }) => {
    if (event.kind !== 'block-job' || event.status === null) return;
    const outcome = OUTCOME[event.status];
    if (!outcome) return;
    void endNewestOpen(db, event.hostId, event.domain.uuid, event.disk, outcome).catch((err: unknown) =>
      console.warn(`[bff] block job end not recorded: ${err instanceof Error ? err.message : String(err)}`),
    );
  });
}

async function endNewestOpen(db: Db, hostId: string, uuid: string, disk: string, outcome: JobOutcome): Promise<void> {
  const open = await db
    .selectFrom('job_history')
    .select('id')
    .where('host_id', '=', hostId)
    .where('domain_uuid', '=', uuid)
    .where('kind', '=', 'blockjob')
    .where('outcome', 'is', null)
    .where('detail', 'like', `${disk}: %`)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (open) await recordJobEnd(db, open.id, outcome === 'failed' ? { outcome, error: 'libvirt reported the block job failed' } : { outcome });
}
