// Who may do what. Three actions, ordered: `read` (see hosts, VMs, storage, the audit log of
// what one may see), `operate` (lifecycle, storage, snapshots, consoles), `admin` (users, the
// host registry, everything). viewer < operator < admin. A user with host_ids sees only those
// hosts; admins are never host-scoped. Disabled users may do nothing.
import type { Role } from '../db/schema.js';
import type { User } from './users.js';

export type Action = 'read' | 'operate' | 'admin';

const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };
const NEEDS: Record<Action, number> = { read: 1, operate: 2, admin: 3 };

export type Subject = Pick<User, 'role' | 'hostIds' | 'disabled'>;

export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
  constructor(
    readonly action: Action,
    readonly hostId?: string,
  ) {
    super(hostId === undefined ? `not allowed to ${action}` : `not allowed to ${action} on this host`);
  }
}

/** Whether the user may perform `action` (on `hostId`, when the action concerns one host). */
export function can(user: Subject, action: Action, hostId?: string): boolean {
  if (user.disabled) return false;
  if (RANK[user.role] < NEEDS[action]) return false;
  if (hostId === undefined || user.role === 'admin' || user.hostIds === null) return true;
  return user.hostIds.includes(hostId);
}

/** Throws ForbiddenError unless `can(user, action, hostId)`. */
export function assertCan(user: Subject, action: Action, hostId?: string): void {
  if (!can(user, action, hostId)) throw new ForbiddenError(action, hostId);
}

/** The subset of `hostIds` the user may read, in the given order. */
export function visibleHostIds(user: Subject, hostIds: readonly string[]): string[] {
  return hostIds.filter((id) => can(user, 'read', id));
}
