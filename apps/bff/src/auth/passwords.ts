// Password hashing: argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
// The PHC string carries its own parameters, so raising them later still verifies old hashes.
// Every hash and check goes through one WorkLimiter: half the cores at most, and a sign-in that
// would wait behind more than ARGON2_MAX_WAITING others is refused (WorkBusyError).
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { WorkLimiter } from './work-limiter.js';

/** `Algorithm.Argon2id`: the library's enum is an ambient const enum, unusable with isolatedModules. */
const ARGON2ID = 2;

const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const ARGON2_MAX_WAITING = 64;

export const argon2Work = new WorkLimiter(Math.max(1, Math.floor(availableParallelism() / 2)), ARGON2_MAX_WAITING);

/** Waits its turn however long the queue (only signed-in admins set passwords). */
export function hashPassword(password: string): Promise<string> {
  return argon2Work.runQueued(() => hash(password, OPTIONS));
}

/**
 * True when the password matches; false for a mismatch or a malformed hash. Throws only
 * WorkBusyError, when too many checks wait already.
 */
export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return argon2Work.run(async () => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  });
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time a real verification would, for a user that does not exist, so response
 * times do not tell which usernames are real. Always false.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  // Made outside the limiter: a refusal must not be cached as the dummy hash.
  dummy ??= hash(randomBytes(16).toString('base64url'), OPTIONS);
  await verifyPassword(await dummy, password);
  return false;
}

/** A random password for generated accounts: 24 characters of base64url (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
