// What a failed tRPC call means to the person looking at the screen.
import { TRPCClientError } from '@trpc/client';

interface ErrorData {
  code?: string;
  zodError?: { fieldErrors?: Record<string, string[] | undefined>; formErrors?: string[] } | null;
  libvirt?: { code: number; domain: number } | null;
}

export function errorData(error: unknown): ErrorData {
  if (error instanceof TRPCClientError) return (error.data ?? {}) as ErrorData;
  return {};
}

export function errorCode(error: unknown): string | undefined {
  return errorData(error).code;
}

/** The message to show: "not supported by this host" for a procedure this host's libvirt lacks. */
export function errorMessage(error: unknown): string {
  if (errorCode(error) === 'NOT_IMPLEMENTED') return 'not supported by this host';
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Per-field messages of a refused input, keyed by the first path segment (name, disk, network...). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const fe = errorData(error).zodError?.fieldErrors ?? {};
  for (const [k, v] of Object.entries(fe)) if (v && v.length > 0) out[k] = v.join('; ');
  return out;
}
