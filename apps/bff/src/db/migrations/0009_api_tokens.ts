// API tokens: a user's bearer secrets for scripts and Prometheus. Only the SHA-256 of the secret is
// kept (see auth/api-tokens.ts for why a fast hash is right for a random 256-bit secret). A
// revoked token stays listed (revoked_at set) so its history still reads; a user's tokens go with
// the user.
import { sql, type Kysely } from 'kysely';
import type { DialectKind } from '../dialect.js';

export async function up(db: Kysely<unknown>, kind: DialectKind): Promise<void> {
  const epochMs = kind === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('viewer', 'operator', 'admin')`))
    .addColumn('host_ids', 'text')
    .addColumn('created_at', epochMs, (c) => c.notNull())
    .addColumn('expires_at', epochMs, (c) => c.notNull())
    .addColumn('last_used_at', epochMs)
    .addColumn('last_used_ip', 'text')
    .addColumn('revoked_at', epochMs)
    .execute();
  await db.schema.createIndex('api_tokens_user_id').on('api_tokens').column('user_id').execute();
}
