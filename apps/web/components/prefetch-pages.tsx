'use client';
// The data a page needs is asked for with the session, not after it: SessionGate waits for
// `auth.me`, and a page's own queries would only start once it answered (a chain of round trips).
// Both come in one batch that starts before React does (lib/first-page-batch.ts): the HTML
// preloads it (the link rendered below on the server), the client's first module fetches it, and
// the first render here seeds the query cache from it: the VM list's whole answer arrives with the
// session, and often before the scripts have finished loading. Once signed in, the VM list is
// fetched in idle time on any page (the live bridge keeps it current), so going to it shows it at
// once.
import { useQueryClient, type QueryClient, type QueryFunction, type QueryKey } from '@tanstack/react-query';
import { usePathname } from 'next/navigation';
import { useEffect } from 'react';
import { preload } from 'react-dom';
import { firstPageProcedures, firstPageUrl, takeFirstPageAnswer, type FirstPageProcedure } from '~/lib/first-page-batch';
import { useTRPC } from '~/lib/trpc';

type Trpc = ReturnType<typeof useTRPC>;

/**
 * A query function that answers from the early batch when it holds this procedure's answer, and
 * asks the usual way otherwise.
 */
function fromFirstBatch<T, K extends QueryKey>(procedure: FirstPageProcedure, usual: QueryFunction<T, K>): QueryFunction<T, K> {
  const early = takeFirstPageAnswer(procedure);
  if (early === undefined) return usual;
  return async (context) => {
    const answer = await early;
    // The batch's answer is what `usual` would give: the same procedure, no input, no transformer.
    return answer === null ? usual(context) : (answer.data as T);
  };
}

/** Once per page load: later navigations find the VM list prefetched below. */
let firstPageAsked = false;

function askFirstPage(queryClient: QueryClient, trpc: Trpc, pathname: string): void {
  if (firstPageAsked || typeof window === 'undefined') return;
  firstPageAsked = true;
  const me = trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 });
  void queryClient.prefetchQuery({ ...me, queryFn: fromFirstBatch('auth.me', me.queryFn!) });
  const procedures = firstPageProcedures(pathname);
  if (procedures.includes('domain.listAll')) {
    const list = trpc.domain.listAll.queryOptions(undefined, { staleTime: Infinity, retry: false });
    void queryClient.prefetchQuery({ ...list, queryFn: fromFirstBatch('domain.listAll', list.queryFn!) });
  } else if (procedures.includes('host.overview')) {
    const overview = trpc.host.overview.queryOptions(undefined, { retry: false });
    void queryClient.prefetchQuery({ ...overview, queryFn: fromFirstBatch('host.overview', overview.queryFn!) });
  }
}

export function PrefetchPages({ signedIn }: { signedIn: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pathname = usePathname();
  // On the server (or at export): the HTML's head preloads the first batch, which the browser
  // starts while it loads the scripts. `anonymous` is same-origin credentials: the session cookie
  // goes with it, and it matches the plain fetch that takes it.
  if (typeof window === 'undefined') preload(firstPageUrl(firstPageProcedures(pathname)), { as: 'fetch', crossOrigin: 'anonymous' });
  // In render, not in an effect: effects run only once the whole page has hydrated.
  askFirstPage(queryClient, trpc, pathname);

  // Signed in: the VM list, when the browser is idle.
  useEffect(() => {
    if (!signedIn) return;
    const prefetch = () => void queryClient.prefetchQuery(trpc.domain.listAll.queryOptions(undefined, { staleTime: Infinity }));
    const idle = window.requestIdleCallback?.(prefetch, { timeout: 2_000 });
    const timer = idle === undefined ? window.setTimeout(prefetch, 500) : undefined;
    return () => {
      if (idle !== undefined) window.cancelIdleCallback(idle);
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [signedIn, queryClient, trpc]);
  return null;
}
