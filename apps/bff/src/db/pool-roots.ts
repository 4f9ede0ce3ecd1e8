// Per host, the path roots storage pools may use (admins set them; see routers/storage/pool.ts).
import path from 'node:path';
import { z } from 'zod';
import type { Db } from './database.js';

const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** An absolute path below '/', without '..': stored normalised, without a trailing '/'. */
export const poolRootSchema = z
  .string()
  .trim()
  .min(2, 'must be an absolute path below /')
  .max(4096)
  .regex(/^\//, 'must be an absolute path')
  .refine((s) => !hasControl(s), 'must not contain control characters')
  .refine((s) => !s.split('/').includes('..'), 'must not contain ".."')
  .transform((s) => path.posix.normalize(s).replace(/\/+$/, ''))
  .refine((s) => s !== '', 'must be a folder below /, not / itself');

export const poolRootsSchema = z.array(poolRootSchema).max(32, 'at most 32 roots');

/** The host's roots, sorted. */
export async function listPoolRoots(db: Db, hostId: string): Promise<string[]> {
  const rows = await db.selectFrom('host_pool_roots').select('path').where('host_id', '=', hostId).orderBy('path').execute();
  return rows.map((r) => r.path);
}

/** Replaces the host's roots (duplicates dropped); answers them as stored. */
export async function setPoolRoots(db: Db, hostId: string, roots: readonly string[]): Promise<string[]> {
  const unique = [...new Set(poolRootsSchema.parse(roots))];
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('host_pool_roots').where('host_id', '=', hostId).execute();
    if (unique.length > 0) await tx.insertInto('host_pool_roots').values(unique.map((p) => ({ host_id: hostId, path: p }))).execute();
  });
  return listPoolRoots(db, hostId);
}

/** Whether `target` is one of `roots` or lies below one (both absolute; `target` may be unnormalised). */
export function isUnderRoots(target: string, roots: readonly string[]): boolean {
  if (!target.startsWith('/') || target.split('/').includes('..')) return false;
  const p = path.posix.normalize(target).replace(/\/+$/, '');
  return roots.some((root) => p === root || p.startsWith(`${root}/`));
}
