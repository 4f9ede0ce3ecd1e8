// A call whose context could not be made because the database is away (the session is read from
// it first) answers SERVICE_UNAVAILABLE with `data.unavailable: 'database'`, not a bare 500.
import { TRPCError } from '@trpc/server';
import { DatabaseUnavailableError, isDatabaseUnreachable } from './database-health.js';

export function databaseUnavailable(err: unknown): never {
  if (!isDatabaseUnreachable(err)) throw err;
  const cause = err instanceof DatabaseUnavailableError ? err : new DatabaseUnavailableError({ cause: err });
  throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: cause.message, cause });
}
