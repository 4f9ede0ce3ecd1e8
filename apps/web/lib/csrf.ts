'use client';
// The session's CSRF token, sent with every tRPC call as x-csrf-token. It comes from auth.me or
// auth.login and lives only in memory: a page load asks auth.me again.
let token: string | null = null;

export function setCsrfToken(value: string | null): void {
  token = value;
}

export function csrfHeaders(): Record<string, string> {
  return token ? { 'x-csrf-token': token } : {};
}
