// The messages a disk dialog shows next to its fields: the contract's schema (the one the BFF
// checks) once the user tried to save, keyed by the whole path (`source.capacityGiB`), then the
// fields the server refused. Pure, so it is unit-tested.
import type { z } from 'zod';

export type DiskFieldMessages = Record<string, string | undefined>;

export function diskFormErrors(schema: z.ZodType, value: unknown, submitted: boolean): DiskFieldMessages {
  if (!submitted) return {};
  const parsed = schema.safeParse(value);
  if (parsed.success) return {};
  const out: DiskFieldMessages = {};
  for (const issue of parsed.error.issues) out[issue.path.map(String).join('.') || 'form'] ??= issue.message;
  return out;
}

/**
 * A server refusal that names a field ("capacityGiB: more than…", "volume: …"): the field and
 * its message, so the dialog shows it beside the field rather than above the buttons.
 */
export function refusedField(message: string, fields: readonly string[]): { field: string; message: string } | null {
  const m = /^([A-Za-z.]+): (.+)$/s.exec(message);
  if (!m || !fields.includes(m[1]!)) return null;
  return { field: m[1]!, message: m[2]! };
}
