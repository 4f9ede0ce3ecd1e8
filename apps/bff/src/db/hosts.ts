// The registry of libvirt hosts the dashboard manages.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { systemClock, type Clock } from './clock.js';
import type { Db } from './database.js';
import { isUniqueViolation } from './dialect.js';
import type { HostRow } from './schema.js';

export interface Host {
  id: string;
  name: string;
  uri: string;
  createdAt: number;
}

export const hostInputSchema = z.object({
  name: z.string().trim().min(1).max(64),
  uri: z.string().trim().min(1).max(1024),
});
export type HostInput = z.input<typeof hostInputSchema>;

/** Another host already has this name or URI. */
export class HostExistsError extends Error {
  override readonly name = 'HostExistsError';
  constructor(options?: { cause: unknown }) {
    super('a host with this name or URI already exists', options);
  }
}

function toHost(row: HostRow): Host {
  return { id: row.id, name: row.name, uri: row.uri, createdAt: row.created_at };
}

export async function listHosts(db: Db): Promise<Host[]> {
  const rows = await db.selectFrom('hosts').selectAll().orderBy('name').execute();
  return rows.map(toHost);
}

export async function getHost(db: Db, id: string): Promise<Host | null> {
  const row = await db.selectFrom('hosts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toHost(row) : null;
}

/** Throws a ZodError for a bad name or URI, HostExistsError for a duplicate. */
export async function addHost(db: Db, input: HostInput, clock: Clock = systemClock): Promise<Host> {
  const { name, uri } = hostInputSchema.parse(input);
  const row: HostRow = { id: randomUUID(), name, uri, created_at: clock() };
  try {
    await db.insertInto('hosts').values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new HostExistsError({ cause: err });
    throw err;
  }
  return toHost(row);
}

/** Returns whether a host was removed. Its console tickets go with it. */
export async function removeHost(db: Db, id: string): Promise<boolean> {
  const res = await db.deleteFrom('hosts').where('id', '=', id).executeTakeFirst();
  return res.numDeletedRows > 0n;
}
