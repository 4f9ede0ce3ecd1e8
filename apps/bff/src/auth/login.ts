// Signing in. Every failure looks the same from outside (one generic message, about the same
// time whether or not the user exists), and failures are throttled per (username, ip) and ip:
// each attempt is counted before its password is checked, so concurrent attempts cannot slip
// past the limit together. Password checks are bounded too (see passwords.ts): a sign-in that
// would wait behind too many others is refused as 'busy' and not counted.
import type { Db } from '../db/database.js';
import { verifyDummyPassword, verifyPassword } from './passwords.js';
import { claimLoginAttempt, clearLoginFailures, withdrawLoginAttempt, type RateLimitOptions } from './rate-limit.js';
import { createSession, type NewSession, type SessionOptions } from './sessions.js';
import { findUserForLogin, MAX_PASSWORD_LENGTH, type User } from './users.js';
import { WorkBusyError } from './work-limiter.js';

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent?: string | null;
}

export type LoginErrorReason = 'invalid_credentials' | 'rate_limited' | 'busy';

export class LoginError extends Error {
  override readonly name = 'LoginError';
  constructor(
    readonly reason: LoginErrorReason,
    /** Set when reason is 'rate_limited'. */
    readonly retryAfterSeconds?: number,
  ) {
    super(
      reason === 'rate_limited'
        ? 'too many failed sign-in attempts; try again later'
        : reason === 'busy'
          ? 'the server is busy checking other sign-ins; try again in a moment'
          : 'invalid username or password',
    );
  }
}

export interface LoginOptions {
  session?: SessionOptions;
  rateLimit?: RateLimitOptions;
}

/** A new session for valid credentials; otherwise throws LoginError. */
export async function login(
  db: Db,
  input: LoginInput,
  opts: LoginOptions = {},
): Promise<NewSession & { user: User }> {
  const subject = { username: input.username, ip: input.ip };
  const rateLimit = { clock: opts.session?.clock, ...opts.rateLimit };
  const claim = await claimLoginAttempt(db, subject, rateLimit);
  if (!claim.allowed) throw new LoginError('rate_limited', claim.retryAfterSeconds);

  // No stored password is longer than passwordSchema allows; do not hash megabytes to find out.
  const password = input.password.slice(0, MAX_PASSWORD_LENGTH + 1);
  const found = await findUserForLogin(db, input.username);
  let ok: boolean;
  try {
    ok = found
      ? password.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(found.passwordHash, password))
      : await verifyDummyPassword(password);
  } catch (e) {
    if (!(e instanceof WorkBusyError)) throw e;
    // Nothing was checked: the attempt does not count.
    await withdrawLoginAttempt(db, subject, claim.at, rateLimit);
    throw new LoginError('busy');
  }
  // A failure stays counted: it was recorded before the check.
  if (!found || !ok || found.user.disabled) throw new LoginError('invalid_credentials');

  await clearLoginFailures(db, subject);
  await withdrawLoginAttempt(db, subject, claim.at, rateLimit);
  const session = await createSession(
    db,
    found.user,
    { ip: input.ip, userAgent: input.userAgent ?? null },
    opts.session,
  );
  return { ...session, user: found.user };
}
