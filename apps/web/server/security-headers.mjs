// @ts-check
// The headers every response carries, and the pages' Content-Security-Policy. Scripts run only
// from this origin and with the page's nonce (Next.js puts it on its own inline scripts, the
// layout on the theme script); no inline script without it, no eval outside `next dev`.
import { randomBytes } from 'node:crypto';

/** A fresh, unguessable nonce for one page response. */
export function newNonce() {
  return randomBytes(18).toString('base64');
}

// A Host header that can go into the policy as is: a name or an address, and a port.
const SAFE_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The pages' policy. Styles may be inline: React writes style attributes and xterm.js its own
 * <style> element; scripts may not. Consoles open websockets to this origin (connect-src); noVNC
 * and SPICE draw images and cursors from data: URLs, SPICE plays streams from blob: URLs.
 * @param {{ nonce: string, host: string | undefined, https: boolean, dev: boolean }} opts
 */
export function pagePolicy({ nonce, host, https, dev }) {
  const ws = host && SAFE_HOST.test(host) ? ` ${https ? 'wss' : 'ws'}://${host}` : '';
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonced bundles load their chunks; 'self' is for CSP2 browsers.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
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

/** For what the BFF answers (JSON, volume downloads): nothing in it may run or be framed. */
export const FORWARDED_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

/**
 * What every response says, pages and forwarded ones alike.
 * @param {{ https: boolean }} opts
 * @returns {Record<string, string>}
 */
export function commonHeaders({ https }) {
  /** @type {Record<string, string>} */
  const headers = {
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
