// Dashboard accounts: who may sign in, with which role, on which hosts. Passwords are stored
// only as argon2id hashes. There is always at least one enabled admin: demoting, disabling or
// deleting the last one fails with LastAdminError.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { systemClock, type Clock } from '../db/clock.js';
import type { Db } from '../db/database.js';
import { dialectOf, isUniqueViolation } from '../db/dialect.js';
import { ROLES, type Role, type UserRow } from '../db/schema.js';
import { generatePassword, hashPassword } from './passwords.js';

export interface User {
  id: string;
  username: string;
  role: Role;
  /** Host ids the user may see and act on; null means every host. */
  hostIds: string[] | null;
  createdAt: number;
  disabled: boolean;
}

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'at least 3 characters')
  .max(64, 'at most 64 characters')
  .regex(/^[a-z0-9._-]+$/, 'only letters, digits, ".", "_" and "-"');

export const MIN_PASSWORD_LENGTH = 12;
/** An upper bound too, so nobody makes the server hash megabytes. */
export const MAX_PASSWORD_LENGTH = 1024;

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `at most ${MAX_PASSWORD_LENGTH} characters`);

export const roleSchema = z.enum(ROLES);

export const hostIdsSchema = z.array(z.string().min(1).max(128)).max(10_000).nullable();

export const createUserInputSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  role: roleSchema.default('viewer'),
  hostIds: hostIdsSchema.default(null),
});
export type CreateUserInput = z.input<typeof createUserInputSchema>;

export class UserExistsError extends Error {
  override readonly name = 'UserExistsError';
  constructor(options?: { cause: unknown }) {
    super('a user with this name already exists', options);
  }
}

export class UserNotFoundError extends Error {
  override readonly name = 'UserNotFoundError';
  constructor(readonly userId: string) {
    super('no such user');
  }
}

/** The change would leave no enabled admin. */
export class LastAdminError extends Error {
  override readonly name = 'LastAdminError';
  constructor() {
    super('this is the last enabled admin; make another admin first');
  }
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    hostIds: row.host_ids === null ? null : parseHostIds(row.host_ids),
    createdAt: row.created_at,
    disabled: row.disabled !== 0,
  };
}

function parseHostIds(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
}

function encodeHostIds(hostIds: string[] | null): string | null {
  return hostIds === null ? null : JSON.stringify([...new Set(hostIds)].sort());
}

/** Throws a ZodError for a bad username or password, UserExistsError for a taken name. */
export async function createUser(
  db: Db,
  input: CreateUserInput,
  clock: Clock = systemClock,
): Promise<User> {
  const { username, password, role, hostIds } = createUserInputSchema.parse(input);
  const row: UserRow = {
    id: randomUUID(),
    username,
    password_hash: await hashPassword(password),
    role,
    host_ids: encodeHostIds(hostIds),
    created_at: clock(),
    disabled: 0,
  };
  try {
    await db.insertInto('users').values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new UserExistsError({ cause: err });
    throw err;
  }
  return toUser(row);
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toUser);
}

export async function getUser(db: Db, id: string): Promise<User | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : null;
}

/** Case-insensitive; null for a name that is not even valid. */
export async function getUserByUsername(db: Db, username: string): Promise<User | null> {
  const found = await findUserForLogin(db, username);
  return found ? found.user : null;
}

/** The user with the password hash, for login only. */
export async function findUserForLogin(
  db: Db,
  username: string,
): Promise<{ user: User; passwordHash: string } | null> {
  const parsed = usernameSchema.safeParse(username);
  if (!parsed.success) return null;
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', parsed.data))
    .executeTakeFirst();
  return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
}

export async function setRole(db: Db, id: string, role: Role): Promise<User> {
  roleSchema.parse(role);
  return db.transaction().execute(async (trx) => {
    if (role !== 'admin') await assertNotLastAdmin(trx, id);
    return updateUser(trx, id, { role });
  });
}

export async function setHosts(db: Db, id: string, hostIds: string[] | null): Promise<User> {
  return updateUser(db, id, { host_ids: encodeHostIds(hostIdsSchema.parse(hostIds)) });
}

/** Sets a new password and signs the user out everywhere (issue a new session if needed). */
export async function setPassword(db: Db, id: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(passwordSchema.parse(password));
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, id, { password_hash: passwordHash });
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
  });
}

/** Disables the account and ends its sessions. */
export async function disableUser(db: Db, id: string): Promise<User> {
  return db.transaction().execute(async (trx) => {
    await assertNotLastAdmin(trx, id);
    const user = await updateUser(trx, id, { disabled: 1 });
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    return user;
  });
}

export async function enableUser(db: Db, id: string): Promise<User> {
  return updateUser(db, id, { disabled: 0 });
}

/** Deletes the account; its sessions and console tickets go with it (the audit log stays). */
export async function deleteUser(db: Db, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await assertNotLastAdmin(trx, id);
    const res = await trx.deleteFrom('users').where('id', '=', id).executeTakeFirst();
    if (res.numDeletedRows === 0n) throw new UserNotFoundError(id);
  });
}

async function updateUser(
  db: Db,
  id: string,
  values: Partial<Pick<UserRow, 'role' | 'host_ids' | 'password_hash' | 'disabled'>>,
): Promise<User> {
  const res = await db.updateTable('users').set(values).where('id', '=', id).executeTakeFirst();
  if (res.numUpdatedRows === 0n) throw new UserNotFoundError(id);
  const user = await getUser(db, id);
  if (!user) throw new UserNotFoundError(id);
  return user;
}

/**
 * Inside a transaction: fails if `id` is the only enabled admin. On PostgreSQL the enabled
 * admins' rows are locked, so two replicas demoting the last two admins at once cannot both
 * succeed; SQLite transactions are serialised already.
 */
async function assertNotLastAdmin(trx: Db, id: string): Promise<void> {
  let query = trx
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled', '=', 0);
  if (dialectOf(trx) === 'postgres') query = query.forUpdate();
  const admins = await query.execute();
  if (admins.length <= 1 && admins.some((a) => a.id === id)) throw new LastAdminError();
}

export type InitialAdmin =
  | { created: false }
  /** `generatedPassword` is set when no password came from the environment: print it once. */
  | { created: true; user: User; generatedPassword: string | null };

/**
 * On first start (no users at all) creates `admin` with VIRTDECK_ADMIN_PASSWORD, or with a
 * random password that the caller shows once. Does nothing once any user exists.
 */
export async function ensureInitialAdmin(
  db: Db,
  env: { VIRTDECK_ADMIN_PASSWORD?: string | undefined } = { VIRTDECK_ADMIN_PASSWORD: process.env.VIRTDECK_ADMIN_PASSWORD },
  clock: Clock = systemClock,
): Promise<InitialAdmin> {
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return { created: false };
  const fromEnv = env.VIRTDECK_ADMIN_PASSWORD;
  const password = fromEnv !== undefined && fromEnv !== '' ? fromEnv : generatePassword();
  try {
    const user = await createUser(db, { username: 'admin', password, role: 'admin' }, clock);
    return { created: true, user, generatedPassword: password === fromEnv ? null : password };
  } catch (err) {
    // Another replica got there first.
    if (err instanceof UserExistsError) return { created: false };
    throw err;
  }
}
