// Runs the backup schedules: one timer per BFF checks every enabled schedule. Each due time is
// claimed (claimRun, slot = the due time) so exactly one replica handles it. A due time first
// seen within GRACE_MS of passing is run: each VM backed up in turn, then its sets pruned to the
// schedule's N full sets. One seen later passed while no BFF ran: it is reported missed, on the
// schedule and in each VM's timeline, and not run late (a backup at an unplanned hour could hit
// the VMs at their busiest; the next due time runs as planned).
import { systemClock, type Clock } from '../db/clock.js';
import type { Db } from '../db/database.js';
import { claimRun, pruneClaims } from '../jobs/claims.js';
import { recordMissedJob } from '../jobs/history.js';
import { dueTimesBetween } from './due-times.js';
import { addRun, finishRun, markHandled, timingOf, vmsOfSchedule, type ScheduleRow } from './store.js';

/** What a run needs of the backups (apps/bff/src/backups), bound to the process's services. */
export interface ScheduleBackups {
  startBackup(input: { hostId: string; uuid: string; actor: string }): Promise<{ backupId: string }>;
  /** Resolves once the backup ended, with how. */
  waitForBackup(backupId: string): Promise<{ status: string; error: string | null }>;
  pruneBackupSets(input: { hostId: string; uuid: string; keepFullSets: number }): Promise<void>;
}

export const GRACE_MS = 10 * 60_000;
export const TICK_MS = 30_000;
/**
 * Claims (of every periodic job: schedules, metrics ticks, lifecycle recording) older than this
 * are deleted, hourly: their slots are long past and never claimed again (a schedule's
 * handled_until is past them too).
 */
export const CLAIM_MAX_AGE_MS = 2 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;

export interface RunnerOptions {
  clock?: Clock;
  /** Names this runner as a replica (tests run two in one process). */
  replica?: string;
  graceMs?: number;
  tickMs?: number;
  log?: (line: string) => void;
}

export class ScheduleRunner {
  private readonly clock: Clock;
  private readonly graceMs: number;
  private readonly inflight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private prunedAt = 0;

  constructor(
    private readonly db: Db,
    private readonly backups: ScheduleBackups,
    private readonly opts: RunnerOptions = {},
  ) {
    this.clock = opts.clock ?? systemClock;
    this.graceMs = opts.graceMs ?? GRACE_MS;
  }

  start(): void {
    if (this.timer) return;
    void this.tickOnce();
    this.timer = setInterval(() => void this.tickOnce(), this.opts.tickMs ?? TICK_MS);
    this.timer.unref();
  }

  /** Stops the timer and waits for the runs under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    await this.idle();
  }

  /** Waits until no run started by this runner is under way. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  private tickOnce(): Promise<void> {
    // A slow database must not pile ticks up.
    this.ticking ??= this.tick()
      .catch((err: unknown) => this.log(`schedule check failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => (this.ticking = null));
    return this.ticking;
  }

  /** Handles every due time that passed since the last check; runs start in the background. */
  async tick(): Promise<void> {
    const now = this.clock();
    if (now - this.prunedAt >= PRUNE_EVERY_MS) {
      this.prunedAt = now;
      await pruneClaims(this.db, CLAIM_MAX_AGE_MS, this.clock);
    }
    const rows = await this.db.selectFrom('backup_schedules').selectAll().where('enabled', '=', 1).execute();
    for (const row of rows) {
      const { times, skipped } = dueTimesBetween(timingOf(row), row.handled_until, now);
      for (const due of times) {
        if (!(await claimRun(this.db, `backup-schedule:${row.id}`, String(due), { clock: this.clock, replica: this.opts.replica }))) continue;
        if (now - due > this.graceMs) await this.reportMissed(row, due, due === times[0] ? skipped : 0);
        else this.launch(row, due);
      }
      const last = times.at(-1);
      if (last !== undefined) await markHandled(this.db, row.id, last);
    }
  }

  private async reportMissed(row: ScheduleRow, due: number, earlierSkipped: number): Promise<void> {
    const detail = `no Virtdeck server ran at the due time${earlierSkipped > 0 ? ` (and ${earlierSkipped} earlier due times, not listed)` : ''}`;
    await addRun(this.db, { scheduleId: row.id, dueAt: due, status: 'missed', startedAt: null, detail });
    for (const uuid of await vmsOfSchedule(this.db, row)) {
      await recordMissedJob(this.db, { hostId: row.host_id, uuid, kind: 'backup', detail: `scheduled backup (${row.name}) missed: ${detail}`, actor: `schedule:${row.name}` }, due);
    }
    this.log(`backup schedule ${row.name}: the run due at ${new Date(due).toISOString()} was missed`);
  }

  private launch(row: ScheduleRow, due: number): void {
    const run = this.run(row, due)
      .catch((err: unknown) => this.log(`backup schedule ${row.name}: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => this.inflight.delete(run));
    this.inflight.add(run);
  }

  private async run(row: ScheduleRow, due: number): Promise<void> {
    await addRun(this.db, { scheduleId: row.id, dueAt: due, status: 'running', startedAt: this.clock(), detail: null });
    const vms = await vmsOfSchedule(this.db, row);
    const failures: string[] = [];
    for (const uuid of vms) {
      try {
        const { backupId } = await this.backups.startBackup({ hostId: row.host_id, uuid, actor: `schedule:${row.name}` });
        const end = await this.backups.waitForBackup(backupId);
        if (end.status !== 'done') throw new Error(end.error ?? `the backup ended ${end.status}`);
        await this.backups.pruneBackupSets({ hostId: row.host_id, uuid, keepFullSets: row.keep_full_sets });
      } catch (err) {
        failures.push(`${uuid}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const detail =
      vms.length === 0
        ? 'nothing to back up: no VM carries the tag'
        : failures.length === 0
          ? `${vms.length} VM${vms.length === 1 ? '' : 's'} backed up`
          : `${vms.length - failures.length} of ${vms.length} VMs backed up; ${failures.join('; ')}`;
    await finishRun(this.db, row.id, due, failures.length === 0 ? 'ok' : 'failed', detail.slice(0, 4000), this.clock());
  }

  private log(line: string): void {
    (this.opts.log ?? console.warn)(`[bff] ${line}`);
  }
}
