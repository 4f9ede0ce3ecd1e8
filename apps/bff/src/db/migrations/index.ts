// Every migration, in code (no directory scan at run time, so bundling and tsx both work).
// Names sort in the order they run; add new ones at the end.
import type { Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';
import type { DialectKind } from '../dialect.js';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_console_ticket_uses.js';
import * as m0003 from './0003_host_pool_roots.js';
import * as m0004 from './0004_job_claims.js';
import * as m0005 from './0005_backups.js';
import * as m0006 from './0006_job_history.js';
import * as m0007 from './0007_backup_schedules.js';
import * as m0008 from './0008_metrics.js';
import * as m0009 from './0009_api_tokens.js';
import * as m0010 from './0010_replicas.js';

type Up = (db: Kysely<unknown>, kind: DialectKind) => Promise<void>;

const all: Record<string, { up: Up }> = {
  '0001_initial': m0001,
  '0002_console_ticket_uses': m0002,
  '0003_host_pool_roots': m0003,
  '0004_job_claims': m0004,
  '0005_backups': m0005,
  '0006_job_history': m0006,
  '0007_backup_schedules': m0007,
  '0008_metrics': m0008,
  '0009_api_tokens': m0009,
  '0010_replicas': m0010,
};

export function migrationProvider(kind: DialectKind): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(all)) out[name] = { up: (db) => m.up(db, kind) };
      return out;
    },
  };
}
