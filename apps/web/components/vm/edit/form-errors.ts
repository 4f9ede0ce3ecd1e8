// The messages a dialog shows next to its fields: the contract's zod schema checked in the
// browser (the very schema the BFF checks), then what the server refused, by field.
import type { z } from 'zod';
import { fieldErrors } from '~/lib/trpc-errors';

export type FieldMessages = Record<string, string | undefined>;

/** The first message for each field (first path segment) the schema refuses. */
export function schemaErrors(schema: z.ZodType, value: unknown): FieldMessages {
  const parsed = schema.safeParse(value);
  if (parsed.success) return {};
  const out: FieldMessages = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}

/** Client checks once the user tried to save, then the server's refusals by field. */
export function formErrors(schema: z.ZodType, value: unknown, submitted: boolean, serverError: unknown): FieldMessages {
  return { ...(submitted ? schemaErrors(schema, value) : {}), ...(serverError ? fieldErrors(serverError) : {}) };
}
