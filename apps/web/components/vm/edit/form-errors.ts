// The messages a dialog shows next to its fields: the contract's schema checked in the browser
// once the user tried to save, then what the server refused, by field.
import type { z } from 'zod';
import { fieldErrors } from '~/lib/trpc-errors';
import { schemaErrors, type FieldMessages } from './schema-errors';

export function formErrors(schema: z.ZodType, value: unknown, submitted: boolean, serverError: unknown): FieldMessages {
  return { ...(submitted ? schemaErrors(schema, value) : {}), ...(serverError ? fieldErrors(serverError) : {}) };
}
