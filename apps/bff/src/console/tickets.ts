// Console tickets: what the web app gets from a tRPC mutation and presents once on the console
// websocket. A ticket is random, lives 30 seconds at most, is bound to the user, the host and the
// domain, and is kept in the database (only its sha256) so that any BFF replica can check it.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { systemClock, type Clock } from '../db/clock.js';
import type { Db } from '../db/database.js';
import type { ConsoleKind } from '../db/schema.js';

export const TICKET_TTL_MS = 30_000;
/** SPICE's main channel, display, inputs, cursor, playback...: one websocket each. */
const SPICE_MAX_CHANNELS = 8;

export interface ConsoleTicket {
  userId: string;
  hostId: string;
  domainUuid: string;
  kind: ConsoleKind;
}

const hash = (ticket: string) => createHash('sha256').update(ticket).digest('hex');

export async function issueTicket(db: Db, t: ConsoleTicket, clock: Clock = systemClock): Promise<{ ticket: string; expiresAt: number }> {
  const ticket = randomBytes(32).toString('base64url');
  const expiresAt = clock() + TICKET_TTL_MS;
  await db
    .insertInto('console_tickets')
    .values({
      id: hash(ticket),
      user_id: t.userId,
      host_id: t.hostId,
      domain_uuid: t.domainUuid,
      kind: t.kind,
      expires_at: expiresAt,
      used_at: null,
      max_uses: t.kind === 'spice' ? SPICE_MAX_CHANNELS : 1,
    })
    .execute();
  // Housekeeping on the way: expired tickets are of no use to anyone.
  await db.deleteFrom('console_tickets').where('expires_at', '<', clock() - TICKET_TTL_MS).execute();
  return { ticket, expiresAt };
}

/**
 * Admits one connection with `ticket`, or returns null: unknown, expired, or used up. The check
 * and the use are one UPDATE, so two replicas racing for the same ticket cannot both win.
 */
export async function redeemTicket(db: Db, ticket: string, clock: Clock = systemClock): Promise<ConsoleTicket | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(ticket)) return null;
  const now = clock();
  const id = hash(ticket);
  const res = await db
    .updateTable('console_tickets')
    .set({ uses: sql`uses + 1`, used_at: now })
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .where(sql<boolean>`uses < max_uses`)
    .executeTakeFirst();
  if (res.numUpdatedRows === 0n) return null;
  const row = await db.selectFrom('console_tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { userId: row.user_id, hostId: row.host_id, domainUuid: row.domain_uuid, kind: row.kind };
}
