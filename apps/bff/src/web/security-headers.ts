// The headers every response of the web front carries, and the pages' Content-Security-Policy.
// Scripts run only when the page names them by hash (page-hashes.ts) or one of those loads them
// ('strict-dynamic'); no inline script without its hash, no eval.

// A Host header that can go into the policy as is: a name or an address, and a port.
const SAFE_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * A page's policy. Styles may be inline: React writes style attributes and xterm.js its own
 * <style> element; scripts may not. Consoles open websockets to this origin (connect-src); noVNC
 * and SPICE draw images and cursors from data: URLs, SPICE plays streams from blob: URLs.
 */
export function pagePolicy({ scriptHashes, host, https }: { scriptHashes: readonly string[]; host: string | undefined; https: boolean }): string {
  const ws = host && SAFE_HOST.test(host) ? ` ${https ? 'wss' : 'ws'}://${host}` : '';
  const hashes = scriptHashes.map((h) => ` '${h}'`).join('');
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic' lets the hashed scripts load their chunks; 'self' is for CSP2 browsers.
    `script-src 'self'${hashes} 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob:",
    `connect-src 'self'${ws}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** For what the BFF answers (JSON, volume downloads) and static files: nothing in it may run or be framed. */
export const FORWARDED_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** What every response says, pages and the BFF's answers alike. */
export function commonHeaders({ https }: { https: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  // Browsers ignore HSTS from a connection whose certificate they did not trust (RFC 6797 8.1), so
  // a self-signed start does not lock anyone out; once trusted, the browser keeps to HTTPS.
  if (https) headers['Strict-Transport-Security'] = 'max-age=31536000';
  return headers;
}
