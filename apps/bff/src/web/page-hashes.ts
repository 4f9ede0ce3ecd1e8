// The pages' scripts, allowed by hash instead of a nonce (an exported page is the same for every
// request, so it cannot carry a fresh nonce). Under 'strict-dynamic' a hash allows an inline
// script whose text it is, and an external script whose `integrity` it is (CSP 3): each
// `<script src>` of the page, and each `<link rel="preload" as="script">` (a preload is checked
// like the script), gets its file's integrity added here, and both kinds of hash go into that
// page's script-src. What those scripts load in turn is allowed by 'strict-dynamic'.
import { createHash } from 'node:crypto';

export interface HashedPage {
  /** The page with `integrity` on each of its external scripts. */
  html: string;
  /** 'sha256-…' sources for script-src, each once. */
  hashes: string[];
}

const sha256 = (bytes: string | Uint8Array) => `sha256-${createHash('sha256').update(bytes).digest('base64')}`;

const INLINE = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;
const EXTERNAL = /<script([^>]*)\ssrc="([^"]+)"([^>]*)><\/script>/g;
const PRELOAD = /<link([^>]*\sas="script"[^>]*)\shref="([^"]+)"([^>]*?)\/?>/g;

/**
 * `readScript` gives the bytes of a script the page names by URL path (`/_next/static/…`), or null
 * if the export has no such file (the script is then left as it is, and does not run).
 */
export function hashPage(html: string, readScript: (src: string) => Uint8Array | null): HashedPage {
  const hashes = new Set<string>();
  for (const m of html.matchAll(INLINE)) if (m[1]) hashes.add(sha256(m[1]));
  const withIntegrity = (tag: string, src: string, insert: (hash: string) => string) => {
    if (/\sintegrity=/.test(tag)) return tag;
    const bytes = readScript(src);
    if (!bytes) return tag;
    const hash = sha256(bytes);
    hashes.add(hash);
    return insert(hash);
  };
  const rewritten = html
    .replace(EXTERNAL, (tag, before: string, src: string, after: string) =>
      withIntegrity(tag, src, (hash) => `<script${before} src="${src}" integrity="${hash}"${after}></script>`),
    )
    .replace(PRELOAD, (tag, before: string, src: string, after: string) =>
      withIntegrity(tag, src, (hash) => `<link${before} href="${src}" integrity="${hash}"${after}/>`),
    );
  return { html: rewritten, hashes: [...hashes] };
}
