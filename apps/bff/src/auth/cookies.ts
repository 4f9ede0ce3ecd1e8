// The session cookie: HttpOnly (scripts never see the token), SameSite=Strict (no cross-site
// sends), Path=/; Secure whenever the dashboard is served over HTTPS.
export const SESSION_COOKIE = 'vd_session';

/** Seven days: the browser keeps it as long as a session can live; the server ends it sooner. */
export const SESSION_COOKIE_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

export interface CookieOptions {
  secure: boolean;
  maxAgeSeconds?: number;
}

export function sessionCookie(token: string, opts: CookieOptions): string {
  const maxAge = Math.max(0, Math.floor(opts.maxAgeSeconds ?? SESSION_COOKIE_MAX_AGE_SECONDS));
  return serialize(token, maxAge, opts.secure);
}

export function clearSessionCookie(opts: { secure?: boolean } = {}): string {
  return serialize('', 0, opts.secure ?? false);
}

function serialize(value: string, maxAge: number, secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=${value}`, 'HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${maxAge}`];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * A Cookie request header as name → value. The first of two same-named cookies wins (the
 * browser sends the most specific path first); a value that is not valid %-encoding is kept raw.
 */
export function parseCookies(header: string | string[] | undefined | null): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (header === undefined || header === null) return out;
  for (const line of Array.isArray(header) ? header : [header]) {
    for (const pair of line.split(';')) {
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      if (name === '' || name in out) continue;
      let value = pair.slice(eq + 1).trim();
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      try {
        out[name] = decodeURIComponent(value);
      } catch {
        out[name] = value;
      }
    }
  }
  return out;
}
