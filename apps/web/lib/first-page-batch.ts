// The first page's data in one request that starts before React does (issue 17: the complete VM
// list in one round trip, with no chain of script, hydration, then request). The page's HTML
// names it in a <link rel="preload" as="fetch"> (prefetch-pages.tsx), so the browser asks for it
// while it is still loading the scripts; the client's first module to run asks for the same URL
// with the same mode and credentials, which takes that preloaded answer (or starts it, when the
// HTML had no link). Its answers then seed the query cache under the tRPC queries' own keys.
import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@virtdeck/bff';

/** The queries whose answers a page's first render needs, besides the session. */
export type FirstPageProcedure = 'auth.me' | 'domain.listAll' | 'host.overview';

/** What a path's first render asks for: the session always, and the page's own data. */
export function firstPageProcedures(pathname: string): FirstPageProcedure[] {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/vms') return ['auth.me', 'domain.listAll'];
  if (path === '/') return ['auth.me', 'host.overview'];
  return ['auth.me'];
}

/**
 * The batch URL tRPC's httpBatchLink would use for these input-less queries: one GET whose
 * answer is a JSON array with one `{ result }` or `{ error }` per procedure.
 */
export function firstPageUrl(procedures: readonly FirstPageProcedure[]): string {
  const inputs = Object.fromEntries(procedures.map((_, i) => [String(i), undefined]));
  return `/trpc/${procedures.join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
}

type BatchItem = { result: { data: unknown } } | { error: unknown };

/** The batch's answers by procedure, or null when it did not answer as a tRPC batch. */
export function readBatch(procedures: readonly FirstPageProcedure[], body: unknown): Map<FirstPageProcedure, BatchItem> | null {
  if (!Array.isArray(body) || body.length !== procedures.length) return null;
  const out = new Map<FirstPageProcedure, BatchItem>();
  for (const [i, item] of body.entries()) {
    if (typeof item !== 'object' || item === null || !('result' in item || 'error' in item)) return null;
    out.set(procedures[i]!, item as BatchItem);
  }
  return out;
}

interface Started {
  procedures: FirstPageProcedure[];
  answers: Promise<Map<FirstPageProcedure, BatchItem> | null>;
}

let started: Started | null = null;

/**
 * Asks for the page's first data now, once per page load. Plain fetch with its defaults (cors
 * mode, same-origin credentials: what the preload link's `crossorigin="anonymous"` asks), so the
 * browser hands it the preloaded answer. No CSRF header: these are queries.
 */
export function startFirstPageFetch(pathname: string): void {
  if (started !== null) return;
  const procedures = firstPageProcedures(pathname);
  const answers = fetch(firstPageUrl(procedures))
    .then(async (res) => readBatch(procedures, await res.json()))
    .catch(() => null);
  started = { procedures, answers };
}

/**
 * The early answer for one procedure, once: its data, or its tRPC error thrown as the client
 * would throw it. Undefined when it was not asked for, already taken, or the batch failed as a
 * whole (then the query asks the usual way).
 */
export function takeFirstPageAnswer(procedure: FirstPageProcedure): Promise<{ data: unknown } | null> | undefined {
  if (started === null || !started.procedures.includes(procedure)) return undefined;
  started.procedures = started.procedures.filter((p) => p !== procedure);
  return started.answers.then((answers) => {
    const item = answers?.get(procedure);
    if (item === undefined) return null;
    if ('error' in item) throw TRPCClientError.from<AppRouter>(item);
    return { data: item.result.data };
  });
}
