// Websockets live longer than the login they opened with: a /trpc socket or a console stays open
// across logout, a disabled account, a lost role or host. Every open socket is registered here
// with its session token and a verdict on the session as it is now; `recheck` reads the sessions
// again and closes the sockets whose verdict changed. It runs at once after logout and after any
// change to a user here, and every `intervalMs` for changes made by another BFF replica.
import type { Db } from '../db/database.js';
import { resolveSession, type Session } from './sessions.js';
import type { User } from './users.js';

export type Auth = { user: User; session: Session };

/** Close codes, shared with the console's (console/pipe.ts); 4000-4999 are the application's own. */
export const SessionCloseCode = {
  /** The session ended: logout, expiry, or the account was disabled or deleted. */
  sessionEnded: 4003,
  /** The user's role or hosts changed: what the socket was opened under no longer holds. */
  accessChanged: 4005,
} as const;

export interface SocketVerdict {
  code: number;
  reason: string;
}

export interface BoundSocket {
  /** The session cookie the socket opened with. */
  token: string;
  userId: string;
  sessionId: string;
  /** Null while the socket may stay open under `auth` (null: no session any more). */
  verdict(auth: Auth | null): SocketVerdict | null;
  close(verdict: SocketVerdict): void;
}

export const SESSION_ENDED: SocketVerdict = { code: SessionCloseCode.sessionEnded, reason: 'the session ended: sign in again' };

/** Whether two snapshots of a user grant the same access (id, role, hosts, enabled). */
export function sameAccess(a: User, b: User): boolean {
  const hosts = (u: User) => (u.hostIds === null ? null : [...u.hostIds].sort().join('\n'));
  return a.id === b.id && a.role === b.role && a.disabled === b.disabled && hosts(a) === hosts(b);
}

/** A /trpc socket keeps exactly the session and access it opened with. */
export function sameSessionVerdict(opened: Auth): (auth: Auth | null) => SocketVerdict | null {
  return (auth) => {
    if (!auth || auth.session.id !== opened.session.id) return SESSION_ENDED;
    if (!sameAccess(auth.user, opened.user)) return { code: SessionCloseCode.accessChanged, reason: 'your role or hosts changed: reconnect' };
    return null;
  };
}

export class SessionSockets {
  private readonly sockets = new Set<BoundSocket>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly intervalMs = 30_000,
  ) {}

  /** Registers an open socket; the returned function unregisters it (call it on close). */
  add(socket: BoundSocket): () => void {
    this.sockets.add(socket);
    if (!this.timer && this.intervalMs > 0) {
      this.timer = setInterval(() => void this.recheck().catch(() => {}), this.intervalMs);
      this.timer.unref();
    }
    return () => {
      this.sockets.delete(socket);
      if (this.sockets.size === 0) this.stop();
    };
  }

  get size(): number {
    return this.sockets.size;
  }

  /**
   * Reads the sessions of the matching sockets (all by default) again and closes those whose
   * verdict is no longer null. A check does not count as use: it never extends a session.
   * Answers how many sockets it closed.
   */
  async recheck(match: { userId?: string; sessionId?: string } = {}): Promise<number> {
    const chosen = [...this.sockets].filter(
      (s) => (match.userId === undefined || s.userId === match.userId) && (match.sessionId === undefined || s.sessionId === match.sessionId),
    );
    const byToken = new Map<string, Promise<Auth | null>>();
    let closed = 0;
    for (const s of chosen) {
      let auth = byToken.get(s.token);
      if (!auth) byToken.set(s.token, (auth = resolveSession(this.db, s.token, { touch: false })));
      const verdict = s.verdict(await auth);
      if (verdict && this.sockets.delete(s)) {
        s.close(verdict);
        closed++;
      }
    }
    return closed;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
