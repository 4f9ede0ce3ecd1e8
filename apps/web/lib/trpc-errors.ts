// What a failed tRPC call means to the person looking at the screen: one message, the messages
// of each refused input field, the error's code, and the dependants that block a deletion.
import { TRPCClientError } from '@trpc/client';
import type { ErrorData } from '@virtdeck/contract/errors';

function dataOf(error: unknown): Partial<ErrorData> {
  // The BFF's error formatter writes ErrorData into every error's data.
  if (error instanceof TRPCClientError) return (error.data ?? {}) as Partial<ErrorData>;
  return {};
}

export function errorCode(error: unknown): string | undefined {
  return dataOf(error).code;
}

/**
 * The message to show: "not supported by this host" for a procedure this host's libvirt lacks,
 * "field: message" for a refused input, otherwise the server's message.
 */
export function errorMessage(error: unknown): string {
  if (errorCode(error) === 'NOT_IMPLEMENTED') return 'not supported by this host';
  const first = Object.entries(dataOf(error).zodError?.fieldErrors ?? {}).find(([, v]) => v && v.length > 0);
  if (first) return `${first[0]}: ${first[1]?.[0]}`;
  return error instanceof Error ? error.message : String(error);
}

/** The message for one input field, when the server refused that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  return dataOf(error).zodError?.fieldErrors?.[field]?.[0];
}

/** Per-field messages of a refused input, keyed by the first path segment (name, disk, network...). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(dataOf(error).zodError?.fieldErrors ?? {})) if (v && v.length > 0) out[k] = v.join('; ');
  return out;
}

/** What still uses a volume the server refused to delete. */
export function errorDependants(error: unknown) {
  return dataOf(error).dependants ?? null;
}

/** The BFF could not reach its database (PostgreSQL away): nothing was changed; try again once it is back. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return dataOf(error).unavailable === 'database';
}
