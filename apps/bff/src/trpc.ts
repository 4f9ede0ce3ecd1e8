// tRPC init: the error formatter and the procedure builders every router uses.
//   publicProcedure    anyone (sign-in, "who am I")
//   viewerProcedure    a signed-in user or an API token (auth/caller.ts); a session's mutations
//                      also need its CSRF token
//   operatorProcedure  operators and admins (lifecycle, storage, snapshots, consoles)
//   adminProcedure     admins (users, hosts, audit log)
//   session*Procedure  the same, for a browser session only: never an API token (make tokens,
//                      change users, sign out; consoles use the sessionOnly middleware)
// Host-scoped procedures are built on these in hosts/access.ts (hostReadProcedure,
// hostOperateProcedure, hostAdminProcedure), which check the user's host scope.
import { initTRPC, TRPCError } from '@trpc/server';
import { LibvirtError } from '@virtdeck/libvirt-client';
import { z } from 'zod';
import type { ErrorData } from '@virtdeck/contract/errors';
import { can, type Action } from './auth/roles.js';
import { sessionCaller } from './auth/caller.js';
import { checkCsrf } from './auth/sessions.js';
import { noteRead } from './live/read-cursors.js';
import type { Context } from './context.js';
import { DependantsError, toTRPCError } from './errors.js';
import { DatabaseUnavailableError } from './replicas/database-health.js';

export interface Meta {
  /** Mutations that change something on a host or in Virtdeck are written to the audit log. */
  audit?: { objectType: string; action: string };
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // Stack traces stay on the server unless developing.
    isDev: process.env.NODE_ENV === 'development',
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      return {
        ...shape,
        data: {
          ...shape.data,
          // A bad input names the field and why.
          zodError: cause instanceof z.ZodError ? z.flattenError(cause) : null,
          // A libvirt error keeps its libvirt code and domain so the UI can test them.
          libvirt: cause instanceof LibvirtError ? { code: cause.code, domain: cause.domain } : null,
          // An action refused because other objects depend on its target lists them.
          dependants: cause instanceof DependantsError ? cause.dependants : null,
          // The database (PostgreSQL) is away: nothing was changed; the UI says so.
          unavailable: cause instanceof DatabaseUnavailableError ? 'database' : null,
        } satisfies ErrorData,
      };
    },
  });

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped) throw mapped;
  }
  return result;
});

/**
 * A websocket's context is made once, when it opens: every call over it reads the session again,
 * so a call after logout, or after the user was disabled, demoted or lost a host, is judged as
 * the user is now. Such a socket is closed after answering (SessionSockets closes the others).
 */
const currentSession = t.middleware(async ({ ctx, next }) => {
  const socket = ctx.req.socket;
  if (!socket) return next();
  const auth = await sessionCaller(ctx.db, ctx.req.sessionToken);
  const verdict = socket.bound.verdict(auth);
  if (verdict) socket.closeSoon(verdict);
  return next({ ctx: { auth } });
});

/**
 * A websocket runs a bounded number of subscriptions, each paced by the socket: its next event is
 * pulled only once the browser has taken the ones sent (see net/ws-connection.ts).
 */
const boundedSubscriptions = t.middleware(async ({ ctx, type, next }) => {
  const socket = ctx.req.socket;
  if (type !== 'subscription' || !socket) return next();
  const release = socket.claimSubscription();
  const result = await next().catch((e: unknown) => {
    release();
    throw e;
  });
  if (!result.ok || !isAsyncIterable(result.data)) {
    release();
    return result;
  }
  return { ...result, data: socket.paced(result.data, release) };
});

function isAsyncIterable(v: unknown): v is AsyncIterable<unknown> {
  return typeof v === 'object' && v !== null && Symbol.asyncIterator in v;
}

const authed = t.middleware(({ ctx, type, next }) => {
  if (!ctx.auth) throw new TRPCError({ code: 'UNAUTHORIZED', message: ctx.req.authRefusal ?? 'sign in first' });
  // SameSite=Strict cookies already stay home; the header is the second lock for HTTP mutations.
  // An API token is no ambient credential (auth/caller.ts), so it needs no CSRF token.
  if (type === 'mutation' && ctx.auth.kind === 'session' && ctx.req.transport === 'http' && !checkCsrf(ctx.auth.session, ctx.req.csrfHeader)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'missing or wrong CSRF token' });
  }
  // A subscription over HTTP (server-sent events) would outlive the token's revocation, with no
  // socket to close: live events are for browser sessions, which the websocket checks each call.
  if (type === 'subscription' && ctx.auth.kind === 'token') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'API tokens cannot subscribe to live events: use a browser session' });
  }
  // Where this session's live subscription starts if it opens after this read (live/read-cursors.ts).
  if (type === 'query' && ctx.auth.kind === 'session') noteRead(ctx.liveEvents, ctx.auth.session.id);
  return next({ ctx: { ...ctx, auth: ctx.auth } });
});

/**
 * What only a signed-in person may do, never a script holding an API token: make or revoke
 * tokens, change users, open consoles, sign out.
 */
export const sessionOnly = t.middleware(({ ctx, next }) => {
  if (ctx.auth?.kind !== 'session') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'an API token may not do this: sign in to the dashboard' });
  }
  return next({ ctx: { ...ctx, auth: ctx.auth } });
});

const requireRole = (action: Action) =>
  t.middleware(({ ctx, next }) => {
    if (!ctx.auth || !can(ctx.auth.user, action)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `your role may not ${action}` });
    }
    return next();
  });

/**
 * Names the object a mutation acted on, from the fields procedures use for it. An object inside
 * another is named with its parent, "parent/child": a snapshot, a disk or a NIC (by MAC) in its
 * domain (uuid), a volume in its pool.
 */
export function auditObject(raw: unknown): { hostId: string | null; objectName: string } {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : null);
  const parent = str('uuid') ?? str('pool');
  const child = str('name') ?? str('disk') ?? str('mac');
  return {
    hostId: str('hostId'),
    objectName: (parent && child ? `${parent}/${child}` : null) ?? child ?? parent ?? str('volume') ?? str('username') ?? str('userId') ?? str('id') ?? '',
  };
}

/**
 * What a procedure may tell the audit row about itself: the object's name when the input does not
 * carry it (a schedule's name read from the database, a name nested in a spec).
 */
export interface AuditNote {
  objectName?: string;
}

/** Writes an audit row for every mutation that declares `meta.audit`, whether it worked or not. */
const audited = t.middleware(async ({ ctx, meta, type, getRawInput, next }) => {
  const note: AuditNote = {};
  if (type !== 'mutation' || !meta?.audit) return next({ ctx: { audit: note } });
  const result = await next({ ctx: { audit: note } });
  const fromInput = auditObject(await getRawInput().catch(() => null));
  const hostId = fromInput.hostId;
  const objectName = note.objectName ?? fromInput.objectName;
  const user = ctx.auth?.user;
  // A change made with an API token names the token, so it can be traced and revoked.
  const via = ctx.auth?.kind === 'token' ? `via API token ${ctx.auth.token.name} (${ctx.auth.token.id})` : null;
  const failure = result.ok ? null : result.error.message.slice(0, 1000);
  // Kept and written later if the database went away meanwhile: no audit row is lost.
  await ctx.auditOutbox.write({
    userId: user?.id ?? null,
    username: user?.username ?? 'anonymous',
    hostId,
    objectType: meta.audit.objectType,
    objectName,
    action: meta.audit.action,
    result: result.ok ? 'ok' : 'error',
    detail: via && failure ? `${via}: ${failure}` : (via ?? failure),
  });
  return result;
});

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapErrors).use(currentSession).use(boundedSubscriptions);
export const viewerProcedure = publicProcedure.use(authed).use(audited);
export const operatorProcedure = viewerProcedure.use(requireRole('operate'));
export const adminProcedure = viewerProcedure.use(requireRole('admin'));
/** Signed in with a browser session (never an API token). */
export const sessionProcedure = viewerProcedure.use(sessionOnly);
export const sessionOperatorProcedure = operatorProcedure.use(sessionOnly);
export const sessionAdminProcedure = adminProcedure.use(sessionOnly);
