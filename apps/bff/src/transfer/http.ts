// Small helpers of the plain HTTP endpoints (volume upload/download): who is calling, JSON error
// bodies with the tRPC error codes, and the status for any error the layers below throw.
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sessionCaller, sessionCookieOf } from '../auth/caller.js';
import { CSRF_HEADER, checkCsrf, type Session } from '../auth/sessions.js';
import type { User } from '../auth/users.js';
import type { Db } from '../db/database.js';
import { toTRPCError } from '../errors.js';

/** An error answered as `{ error: { code, message, fieldErrors? } }` with the matching status. */
export class HttpError extends Error {
  constructor(
    readonly code: TRPCError['code'],
    message: string,
    readonly fieldErrors?: Record<string, string[] | undefined>,
  ) {
    super(message);
  }
}

/** The HttpError for anything thrown below (libvirt, hosts, zod), as tRPC would map it. */
export function toHttpError(e: unknown): HttpError {
  if (e instanceof HttpError) return e;
  if (e instanceof z.ZodError) {
    const { fieldErrors } = z.flattenError(e);
    const fields = Object.keys(fieldErrors);
    return new HttpError('BAD_REQUEST', `bad ${fields.length > 0 ? fields.join(', ') : 'input'}: ${e.issues[0]?.message ?? 'invalid'}`, fieldErrors);
  }
  const mapped = e instanceof TRPCError ? e : toTRPCError(e);
  if (mapped) return new HttpError(mapped.code, mapped.message);
  return new HttpError('INTERNAL_SERVER_ERROR', 'internal error');
}

export function statusOf(e: HttpError): number {
  return getHTTPStatusCodeFromError(new TRPCError({ code: e.code }));
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Answers an error; a request body nobody will read is drained and the connection closed. */
export function sendError(req: IncomingMessage, res: ServerResponse, e: HttpError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (!req.complete) {
    res.setHeader('Connection', 'close');
    req.resume();
  }
  sendJson(res, statusOf(e), { error: { code: e.code, message: e.message, ...(e.fieldErrors && { fieldErrors: e.fieldErrors }) } });
}

/** The signed-in user of the request's session cookie (never an API token), or 401; with `csrf`, the header must match, or 403. */
export async function requireSession(db: Db, req: IncomingMessage, opts: { csrf: boolean }): Promise<{ user: User; session: Session }> {
  const auth = await sessionCaller(db, sessionCookieOf(req));
  if (!auth) throw new HttpError('UNAUTHORIZED', 'sign in first');
  if (opts.csrf && !checkCsrf(auth.session, req.headers[CSRF_HEADER])) throw new HttpError('FORBIDDEN', 'missing or wrong CSRF token');
  return auth;
}

/** `attachment` with an ASCII fallback name and the exact name in RFC 5987 form. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
