// The users store and the initial admin, on SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/auth/passwords.js';
import { createSession, resolveSession } from '../src/auth/sessions.js';
import {
  createUser,
  deleteUser,
  disableUser,
  enableUser,
  ensureInitialAdmin,
  findUserForLogin,
  getUser,
  getUserByUsername,
  LastAdminError,
  listUsers,
  setHosts,
  setPassword,
  setRole,
  UserExistsError,
  UserNotFoundError,
  usernameSchema,
} from '../src/auth/users.js';
import { setupBackends } from './postgres.js';

const PW = 'a long enough password';

describe('username rules', () => {
  it.each(['abc', 'alice', 'a.b_c-d', 'x'.repeat(64), 'user123'])('accepts %s', (name) => {
    expect(usernameSchema.safeParse(name).success).toBe(true);
  });
  it.each(['ab', 'x'.repeat(65), 'with space', 'émile', 'a/b', 'a@b', ''])('refuses %s', (name) => {
    expect(usernameSchema.safeParse(name).success).toBe(false);
  });
  it('lower-cases and trims', () => {
    expect(usernameSchema.parse('  Alice ')).toBe('alice');
  });
});

describe.each(setupBackends())('users on $name', (backend) => {
  it('creates, gets, lists', async () => {
    const { db } = await backend.open();
    const bob = await createUser(db, { username: 'bob', password: PW }, () => 1000);
    const alice = await createUser(db, { username: 'Alice', password: PW, role: 'operator', hostIds: ['h2', 'h1', 'h1'] });
    expect(bob).toEqual({ id: bob.id, username: 'bob', role: 'viewer', hostIds: null, createdAt: 1000, disabled: false });
    expect(alice.username).toBe('alice');
    expect(alice.hostIds).toEqual(['h1', 'h2']);
    expect(await getUser(db, bob.id)).toEqual(bob);
    expect(await getUser(db, 'missing')).toBeNull();
    expect(await getUserByUsername(db, 'ALICE')).toEqual(alice);
    expect(await getUserByUsername(db, 'no such')).toBeNull();
    expect((await listUsers(db)).map((u) => u.username)).toEqual(['alice', 'bob']);
    const found = await findUserForLogin(db, 'Bob');
    expect(found?.user.id).toBe(bob.id);
    expect(await verifyPassword(found!.passwordHash, PW)).toBe(true);
  });

  it('validates username and password', async () => {
    const { db } = await backend.open();
    await expect(createUser(db, { username: 'ab', password: PW })).rejects.toThrow();
    await expect(createUser(db, { username: 'bad name', password: PW })).rejects.toThrow();
    await expect(createUser(db, { username: 'carol', password: 'short' })).rejects.toThrow(/12/);
    expect(await listUsers(db)).toEqual([]);
  });

  it('usernames are unique regardless of case', async () => {
    const { db } = await backend.open();
    await createUser(db, { username: 'dave', password: PW });
    await expect(createUser(db, { username: 'DAVE', password: PW })).rejects.toBeInstanceOf(UserExistsError);
    await expect(createUser(db, { username: 'dave', password: PW })).rejects.toBeInstanceOf(UserExistsError);
    // Below the store too: a row written around it cannot differ only by case.
    await expect(
      db
        .insertInto('users')
        .values({ id: 'x', username: 'Dave', password_hash: 'h', role: 'viewer', host_ids: null, created_at: 1, disabled: 0 })
        .execute(),
    ).rejects.toThrow();
  });

  it('sets role, hosts, password; disables and enables', async () => {
    const { db } = await backend.open();
    const u = await createUser(db, { username: 'erin', password: PW });
    expect((await setRole(db, u.id, 'operator')).role).toBe('operator');
    expect((await setHosts(db, u.id, ['h1'])).hostIds).toEqual(['h1']);
    expect((await setHosts(db, u.id, null)).hostIds).toBeNull();
    expect((await setHosts(db, u.id, [])).hostIds).toEqual([]);

    const s = await createSession(db, u);
    await setPassword(db, u.id, 'another long password');
    expect(await resolveSession(db, s.token)).toBeNull(); // signed out everywhere
    const found = await findUserForLogin(db, 'erin');
    expect(await verifyPassword(found!.passwordHash, 'another long password')).toBe(true);
    await expect(setPassword(db, u.id, 'short')).rejects.toThrow();

    const s2 = await createSession(db, u);
    expect((await disableUser(db, u.id)).disabled).toBe(true);
    expect(await resolveSession(db, s2.token)).toBeNull();
    expect((await enableUser(db, u.id)).disabled).toBe(false);
  });

  it('throws UserNotFoundError for a missing user', async () => {
    const { db } = await backend.open();
    await expect(setRole(db, 'nope', 'viewer')).rejects.toBeInstanceOf(UserNotFoundError);
    await expect(setHosts(db, 'nope', null)).rejects.toBeInstanceOf(UserNotFoundError);
    await expect(setPassword(db, 'nope', PW)).rejects.toBeInstanceOf(UserNotFoundError);
    await expect(disableUser(db, 'nope')).rejects.toBeInstanceOf(UserNotFoundError);
    await expect(deleteUser(db, 'nope')).rejects.toBeInstanceOf(UserNotFoundError);
  });

  it('refuses to demote, disable or delete the last enabled admin', async () => {
    const { db } = await backend.open();
    const a1 = await createUser(db, { username: 'root1', password: PW, role: 'admin' });
    await expect(setRole(db, a1.id, 'operator')).rejects.toBeInstanceOf(LastAdminError);
    await expect(disableUser(db, a1.id)).rejects.toBeInstanceOf(LastAdminError);
    await expect(deleteUser(db, a1.id)).rejects.toBeInstanceOf(LastAdminError);
    expect((await setRole(db, a1.id, 'admin')).role).toBe('admin'); // staying admin is fine

    const a2 = await createUser(db, { username: 'root2', password: PW, role: 'admin' });
    await disableUser(db, a2.id);
    // A disabled admin does not count.
    await expect(deleteUser(db, a1.id)).rejects.toBeInstanceOf(LastAdminError);
    await enableUser(db, a2.id);
    await setRole(db, a1.id, 'viewer');
    await expect(deleteUser(db, a2.id)).rejects.toBeInstanceOf(LastAdminError);
    await deleteUser(db, a1.id);
    expect(await getUser(db, a1.id)).toBeNull();
    expect((await listUsers(db)).map((u) => u.username)).toEqual(['root2']);
  });

  it('two demotions at once cannot remove both of the last two admins', async () => {
    // On PostgreSQL the pool runs these on two connections: the row locks decide.
    const { db } = await backend.open();
    const a1 = await createUser(db, { username: 'root1', password: PW, role: 'admin' });
    const a2 = await createUser(db, { username: 'root2', password: PW, role: 'admin' });
    for (let round = 0; round < 3; round++) {
      const results = await Promise.allSettled([setRole(db, a1.id, 'viewer'), setRole(db, a2.id, 'viewer')]);
      const rejected = results.filter((r) => r.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(LastAdminError);
      expect((await listUsers(db)).filter((u) => u.role === 'admin')).toHaveLength(1);
      await setRole(db, a1.id, 'admin');
      await setRole(db, a2.id, 'admin');
    }
    const results = await Promise.allSettled([deleteUser(db, a1.id), disableUser(db, a2.id)]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('ensureInitialAdmin on two replicas at once creates one admin', async () => {
    const { db } = await backend.open();
    const results = await Promise.all([ensureInitialAdmin(db, {}), ensureInitialAdmin(db, {})]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await listUsers(db)).toHaveLength(1);
  });

  it('deleting a user deletes its sessions', async () => {
    const { db } = await backend.open();
    await createUser(db, { username: 'admin', password: PW, role: 'admin' });
    const u = await createUser(db, { username: 'frank', password: PW });
    await createSession(db, u);
    await deleteUser(db, u.id);
    expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('ensureInitialAdmin uses VIRTDECK_ADMIN_PASSWORD', async () => {
    const { db } = await backend.open();
    const res = await ensureInitialAdmin(db, { VIRTDECK_ADMIN_PASSWORD: 'from the environment' });
    expect(res.created).toBe(true);
    if (!res.created) return;
    expect(res.generatedPassword).toBeNull();
    expect(res.user).toMatchObject({ username: 'admin', role: 'admin', hostIds: null, disabled: false });
    const found = await findUserForLogin(db, 'admin');
    expect(await verifyPassword(found!.passwordHash, 'from the environment')).toBe(true);
    // Second start: nothing happens.
    expect(await ensureInitialAdmin(db, { VIRTDECK_ADMIN_PASSWORD: 'something else entirely' })).toEqual({ created: false });
  });

  it('ensureInitialAdmin generates a password when none is set', async () => {
    const { db } = await backend.open();
    const res = await ensureInitialAdmin(db, {});
    expect(res.created).toBe(true);
    if (!res.created) return;
    expect(res.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const found = await findUserForLogin(db, 'admin');
    expect(await verifyPassword(found!.passwordHash, res.generatedPassword!)).toBe(true);
    expect(await ensureInitialAdmin(db, {})).toEqual({ created: false });
  });

  it('ensureInitialAdmin does nothing when users exist, and refuses a short env password', async () => {
    const { db } = await backend.open();
    await expect(ensureInitialAdmin(db, { VIRTDECK_ADMIN_PASSWORD: 'short' })).rejects.toThrow();
    await createUser(db, { username: 'someone', password: PW });
    expect(await ensureInitialAdmin(db, {})).toEqual({ created: false });
    expect(await getUserByUsername(db, 'admin')).toBeNull();
  });
});
