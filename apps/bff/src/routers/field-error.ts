// A refused input field, reported the way a zod input error is (`data.zodError.fieldErrors`), for
// checks that need the server's state (a pool's roots, a disk's chain) and so cannot live in the
// input schema. The ZodError comes from a real parse: one built with `new z.ZodError` is not an
// Error here, and tRPC would replace it, losing the fields.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

export function fieldError(field: string, message: string): TRPCError {
  const cause = z
    .object({ [field]: z.unknown().refine(() => false, message) })
    .safeParse({ [field]: null }).error;
  return new TRPCError({ code: 'BAD_REQUEST', message: `${field}: ${message}`, ...(cause && { cause }) });
}
