// Audit rows that could not be written because the database was away: kept in a file beside the
// BFF (one JSON line each, appended synchronously, so a crash keeps them too) and written, with
// their original time, as soon as the database is back. A change that reached a host while the
// database went away is thus never missing from the audit log.
import { appendFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import type { Db } from '../db/database.js';
import { isDatabaseUnreachable, type DatabaseHealth } from '../replicas/database-health.js';
import { writeAudit, type AuditEntryInput } from './audit-log.js';

type Kept = AuditEntryInput & { at: number };

export class AuditOutbox {
  private flushing: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    /** The outbox file; null keeps nothing (the database is SQLite: a local file already). */
    private readonly file: string | null,
    health: DatabaseHealth,
  ) {
    health.onChange((up) => {
      if (up) void this.flush().catch(() => {});
    });
  }

  /** Writes the row, or keeps it for later when the database cannot be reached. */
  async write(entry: AuditEntryInput, at = Date.now()): Promise<void> {
    try {
      await writeAudit(this.db, entry, () => at);
    } catch (err) {
      if (!this.file || !isDatabaseUnreachable(err)) throw err;
      appendFileSync(this.file, `${JSON.stringify({ ...entry, at } satisfies Kept)}\n`);
    }
  }

  /** How many rows wait in the file. */
  pending(): number {
    if (!this.file || !existsSync(this.file)) return 0;
    return readFileSync(this.file, 'utf8').split('\n').filter(Boolean).length;
  }

  /** Writes every kept row (oldest first); answers how many. Rows that fail stay kept. */
  flush(): Promise<number> {
    this.flushing ??= this.flushOnce().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async flushOnce(): Promise<number> {
    if (!this.file || !existsSync(this.file)) return 0;
    // Rows kept while this runs go to a new file, so none is lost or written twice.
    const taking = `${this.file}.flushing`;
    if (!existsSync(taking)) renameSync(this.file, taking);
    const rows = readFileSync(taking, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Kept);
    let written = 0;
    try {
      for (const { at, ...entry } of rows) {
        await writeAudit(this.db, entry, () => at);
        written++;
      }
    } finally {
      const rest = rows.slice(written);
      rmSync(taking);
      for (const r of rest) appendFileSync(this.file, `${JSON.stringify(r)}\n`);
    }
    return written;
  }
}
