// parseJobStats: the job fields a backup reports, named; a push backup's disk_* fields win over
// the data_* ones of a migration.
import { describe, expect, it } from 'vitest';
import { parseJobStats } from '../../src/facade/backups.js';

describe('parseJobStats', () => {
  it('names the type and operation and reads a push backup\'s disk_* bytes', () => {
    const s = parseJobStats(3, { operation: 9, time_elapsed: 122, disk_total: 100, disk_processed: 100, disk_remaining: 0, success: true });
    expect(s).toMatchObject({ type: 'completed', operation: 'backup', elapsedMs: 122, bytesTotal: 100, bytesProcessed: 100, bytesRemaining: 0, success: true, errorMessage: null });
  });

  it('falls back to data_* and keeps the error message of a failed job', () => {
    const s = parseJobStats(4, { operation: 5, data_total: 10n, data_processed: 4, errmsg: 'No space left on device' });
    expect(s).toMatchObject({ type: 'failed', operation: 'migration_out', bytesTotal: 10, bytesProcessed: 4, bytesRemaining: null, success: null, errorMessage: 'No space left on device' });
  });

  it('answers null for a type or operation newer than our headers', () => {
    expect(parseJobStats(99, { operation: 99 })).toMatchObject({ type: null, operation: null });
  });
});
