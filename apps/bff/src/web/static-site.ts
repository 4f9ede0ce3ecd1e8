// The static export (apps/web, `next build`), read once at start into memory: a few MiB of HTML,
// JS, CSS and Next's navigation payloads. Text files are kept gzip-compressed only (one copy; the
// rare client that takes no gzip gets it inflated on the fly); each HTML page carries the script
// hashes its CSP needs (page-hashes.ts). Nothing is read from disk per request.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { hashPage } from './page-hashes.js';
import { StartRefused } from './web-config.js';

export interface SiteFile {
  /** The bytes as stored: gzip-compressed when `gzipped`. */
  body: Buffer;
  gzipped: boolean;
  type: string;
  etag: string;
  /** HTML pages: the 'sha256-…' sources of their scripts, for script-src. */
  scriptHashes: string[] | null;
}

export interface StaticSite {
  dir: string;
  files: ReadonlyMap<string, SiteFile>;
  /** Bytes held in memory, for the log line. */
  bytes: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.txt', '.json', '.map', '.svg', '.ico', '.wasm']);

function* walk(dir: string, prefix = ''): Generator<string> {
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* walk(dir, rel);
    else if (entry.isFile()) yield rel;
  }
}

/** Reads the export in `dir`; refuses to start if it is not one (no index.html). */
export function loadSite(dir: string): StaticSite {
  const root = path.resolve(dir);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    // Reported below.
  }
  if (!isDir) throw new StartRefused(`VIRTDECK_WEB_DIR: ${root} is not a folder (build the web: pnpm --filter @virtdeck/web build)`);
  const keys = [...walk(root)];
  if (!keys.includes('index.html')) throw new StartRefused(`VIRTDECK_WEB_DIR: ${root} has no index.html: not a static export of apps/web`);

  const scriptOf = (src: string) => {
    const key = src.replace(/^\//, '').split('?')[0] ?? '';
    return key.startsWith('_next/') && keys.includes(key) ? readFileSync(path.join(root, key)) : null;
  };
  const files = new Map<string, SiteFile>();
  let bytes = 0;
  for (const key of keys) {
    const ext = path.extname(key).toLowerCase();
    let raw: Buffer = readFileSync(path.join(root, key));
    let scriptHashes: string[] | null = null;
    if (ext === '.html') {
      const page = hashPage(raw.toString('utf8'), scriptOf);
      raw = Buffer.from(page.html, 'utf8');
      scriptHashes = page.hashes;
    }
    const etag = `"${createHash('sha256').update(raw).digest('base64url').slice(0, 22)}"`;
    const packed = COMPRESSIBLE.has(ext) ? gzipSync(raw, { level: 9 }) : null;
    const gzipped = packed !== null && packed.length < raw.length;
    const body = gzipped ? packed : raw;
    bytes += body.length;
    files.set(key, { body, gzipped, type: TYPES[ext] ?? 'application/octet-stream', etag, scriptHashes });
  }
  return { dir: root, files, bytes };
}
