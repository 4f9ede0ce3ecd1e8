// Which file of the static export answers a request path. Lookups are by key in the export's own
// file list (static-site.ts), never by joining a path onto a folder, so nothing outside the export
// can be named; a path with `.`/`..` segments, a NUL, a backslash or an encoded slash is refused
// outright. The dynamic routes are exported once, for the placeholder `_`
// (apps/web/lib/path-placeholder.ts): every /vms/<host>/<uuid> is answered with /vms/_/_'s HTML,
// and Next's client-navigation payloads under it (`<page>.txt`, `<page>/__next.*.txt`) with the
// placeholder's; the page reads the real segments from the browser's URL.

export const PLACEHOLDER = '_';

/** First segment, and how many dynamic segments follow it (the app's [param] folders). */
export const DYNAMIC_ROUTES: ReadonlyMap<string, number> = new Map([
  ['vms', 2],
  ['console', 2],
  ['storage', 2],
  ['hosts', 1],
]);

/** The segments of a URL path, decoded, or null if one cannot name a file of the export. */
export function pathSegments(pathname: string): string[] | null {
  if (!pathname.startsWith('/')) return null;
  const out: string[] = [];
  for (const raw of pathname.slice(1).split('/')) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (seg === '.' || seg === '..' || /[/\\\0]/.test(seg)) return null;
    out.push(seg);
  }
  // "/vms/" reads as "/vms"; an empty segment anywhere else names nothing.
  if (out.length > 0 && out.at(-1) === '') out.pop();
  if (out.some((s) => s === '')) return null;
  return out;
}

/**
 * The export's key (a relative file path) for `pathname`, or null (404). `rsc`: the request is a
 * Next.js client fetch (its `RSC: 1` header), which wants a page's payload, not its HTML: the
 * router asks for `/vms/h/u.txt`, its prefetches for `/tokens?_rsc=…`. (So `/vms/h/u.txt` opened
 * by the browser itself is the page of a VM whose UUID ends in ".txt".)
 */
export function resolvePath(pathname: string, has: (key: string) => boolean, rsc = false): string | null {
  const segs = pathSegments(pathname);
  if (!segs) return null;
  const pageFile = rsc ? '.txt' : '.html';
  if (segs.length === 0) return has(`index${pageFile}`) ? `index${pageFile}` : null;
  const key = segs.join('/');
  for (const candidate of [key, `${key}${pageFile}`]) if (has(candidate)) return candidate;

  const [route = '', ...rest] = segs;
  const params = DYNAMIC_ROUTES.get(route);
  if (params === undefined || rest.length < params || rest.length > params + 1) return null;
  const page = [route, ...Array<string>(params).fill(PLACEHOLDER)].join('/');
  if (rest.length === params + 1) {
    // A segment payload of the page: /vms/h/u/__next.vms.$d$hostId.$d$uuid.__PAGE__.txt
    const file = rest[params] ?? '';
    const target = `${page}/${file}`;
    return file.startsWith('__next.') && file.endsWith('.txt') && has(target) ? target : null;
  }
  const target = `${page}${pageFile}`;
  return has(target) ? target : null;
}
