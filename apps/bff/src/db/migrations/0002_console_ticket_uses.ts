// SPICE opens one websocket per channel, all with the URL it was given: a SPICE ticket admits a
// few connections within its short life; VNC and serial tickets admit exactly one.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('console_tickets').addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('console_tickets').addColumn('max_uses', 'integer', (c) => c.notNull().defaultTo(1)).execute();
}
