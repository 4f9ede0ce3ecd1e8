// The roles table and host scoping (pure: no database).
import { describe, expect, it } from 'vitest';
import { assertCan, can, ForbiddenError, visibleHostIds, type Action, type Subject } from '../src/auth/roles.js';
import type { Role } from '../src/db/schema.js';

const user = (role: Role, hostIds: string[] | null = null, disabled = false): Subject => ({ role, hostIds, disabled });

describe('can', () => {
  const table: [Role, Action, boolean][] = [
    ['viewer', 'read', true],
    ['viewer', 'operate', false],
    ['viewer', 'admin', false],
    ['operator', 'read', true],
    ['operator', 'operate', true],
    ['operator', 'admin', false],
    ['admin', 'read', true],
    ['admin', 'operate', true],
    ['admin', 'admin', true],
  ];
  it.each(table)('%s may %s: %s', (role, action, expected) => {
    expect(can(user(role), action)).toBe(expected);
    expect(can(user(role), action, 'any-host')).toBe(expected);
  });

  it('scopes viewers and operators to their hosts', () => {
    const op = user('operator', ['h1', 'h2']);
    expect(can(op, 'read', 'h1')).toBe(true);
    expect(can(op, 'operate', 'h2')).toBe(true);
    expect(can(op, 'read', 'h3')).toBe(false);
    expect(can(op, 'operate', 'h3')).toBe(false);
    // Not about one host: the role decides.
    expect(can(op, 'read')).toBe(true);
    const viewer = user('viewer', []);
    expect(can(viewer, 'read', 'h1')).toBe(false);
  });

  it('never scopes admins', () => {
    expect(can(user('admin', ['h1']), 'operate', 'h9')).toBe(true);
  });

  it('lets a disabled user do nothing', () => {
    for (const action of ['read', 'operate', 'admin'] as const) {
      expect(can(user('admin', null, true), action)).toBe(false);
    }
  });

  it('assertCan throws ForbiddenError', () => {
    expect(() => assertCan(user('viewer'), 'read')).not.toThrow();
    const err = (() => {
      try {
        assertCan(user('viewer'), 'operate', 'h1');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as ForbiddenError).action).toBe('operate');
    expect((err as ForbiddenError).hostId).toBe('h1');
  });

  it('visibleHostIds filters in order', () => {
    expect(visibleHostIds(user('viewer', ['c', 'a']), ['a', 'b', 'c'])).toEqual(['a', 'c']);
    expect(visibleHostIds(user('viewer'), ['a', 'b'])).toEqual(['a', 'b']);
  });
});
