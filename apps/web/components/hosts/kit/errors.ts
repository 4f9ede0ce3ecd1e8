// What a failed tRPC call says, for the UI: the message, and per-field messages of a bad input.
import { TRPCClientError } from '@trpc/client';

interface ErrorData {
  code?: string;
  zodError?: { fieldErrors?: Record<string, string[] | undefined>; formErrors?: string[] } | null;
  dependants?: { volumes: { pool: string; name: string; path: string }[]; domains: { domain: string; disk: string; depth: number }[] } | null;
}

function dataOf(e: unknown): ErrorData | null {
  if (e instanceof TRPCClientError) return (e.data ?? null) as ErrorData | null;
  return null;
}

export function errorMessage(e: unknown): string {
  const data = dataOf(e);
  const fields = data?.zodError?.fieldErrors;
  if (fields) {
    const first = Object.entries(fields).find(([, v]) => v && v.length > 0);
    if (first) return `${first[0]}: ${first[1]?.[0]}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/** The message for one input field, when the server refused that field. */
export function fieldError(e: unknown, field: string): string | undefined {
  return dataOf(e)?.zodError?.fieldErrors?.[field]?.[0];
}

export function errorCode(e: unknown): string | undefined {
  return dataOf(e)?.code;
}

export function errorDependants(e: unknown) {
  return dataOf(e)?.dependants ?? null;
}
