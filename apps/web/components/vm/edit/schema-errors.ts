// The messages the contract's zod schema gives a form's fields (the very schema the BFF checks).
import type { z } from 'zod';

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
