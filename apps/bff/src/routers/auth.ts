import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { LoginError, login } from '../auth/login.js';
import { clearSessionCookie, revokeSession, sessionCookie } from '../auth/sessions.js';
import type { User } from '../auth/users.js';
import { writeAudit } from '../audit/audit-log.js';
import { publicProcedure, router, sessionProcedure } from '../trpc.js';

/** What the browser may know about the signed-in user. */
function publicUser(u: User) {
  return { id: u.id, username: u.username, role: u.role, hostIds: u.hostIds };
}

export const authRouter = router({
  /**
   * The signed-in user and the CSRF token mutations must send, or null. Called with an API token:
   * the user as the token caps it, no CSRF token (none is needed), and which token it is.
   */
  me: publicProcedure.query(({ ctx }) => {
    const auth = ctx.auth;
    if (!auth) return null;
    if (auth.kind === 'session') return { user: publicUser(auth.user), csrfToken: auth.session.csrfToken, token: null };
    const { id, name, role, hostIds, expiresAt } = auth.token;
    return { user: publicUser(auth.user), csrfToken: null, token: { id, name, role, hostIds, expiresAt } };
  }),

  login: publicProcedure
    .input(z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }))
    .mutation(async ({ ctx, input }) => {
      // Sign-in sets a cookie, which only an HTTP answer can.
      if (ctx.req.transport !== 'http') throw new TRPCError({ code: 'BAD_REQUEST', message: 'sign in over HTTP' });
      try {
        const s = await login(ctx.db, { ...input, ip: ctx.req.ip, userAgent: ctx.req.userAgent });
        ctx.req.setCookie(sessionCookie(s.token, { secure: ctx.config.VIRTDECK_SECURE_COOKIES }));
        await writeAudit(ctx.db, {
          userId: s.user.id,
          username: s.user.username,
          objectType: 'session',
          objectName: s.user.username,
          action: 'login',
          result: 'ok',
        });
        // The shape auth.me answers for a session, so the page can keep it as that query's data.
        return { user: publicUser(s.user), csrfToken: s.csrfToken, token: null };
      } catch (e) {
        if (!(e instanceof LoginError)) throw e;
        const code = e.reason === 'invalid_credentials' ? 'UNAUTHORIZED' : 'TOO_MANY_REQUESTS';
        // Only attempts whose password was checked are written: the limits bound those, while a
        // refused flood (throttled or busy) would otherwise write a row per request.
        if (e.reason !== 'invalid_credentials') throw new TRPCError({ code, message: e.message });
        await writeAudit(ctx.db, {
          username: input.username.slice(0, 64),
          objectType: 'session',
          objectName: input.username.slice(0, 64),
          action: 'login',
          result: 'error',
          detail: e.reason,
        });
        throw new TRPCError({ code, message: e.message });
      }
    }),

  logout: sessionProcedure.meta({ audit: { objectType: 'session', action: 'logout' } }).mutation(async ({ ctx }) => {
    if (ctx.req.sessionToken) await revokeSession(ctx.db, ctx.req.sessionToken);
    // Its websockets and consoles end with it.
    await ctx.sessionSockets.recheck({ sessionId: ctx.auth.session.id });
    ctx.req.setCookie(clearSessionCookie({ secure: ctx.config.VIRTDECK_SECURE_COOKIES }));
    return { ok: true as const };
  }),
});
