'use client';
// The data a page needs is asked for with the session, not after it: SessionGate waits for
// `auth.me`, and a page's own queries would only start once it answered (a chain of round trips).
// Both start in the first render in the browser (the hydration pass, before any effect runs), in
// one tick, so the tRPC client sends them in one batch: the VM list's whole answer arrives with
// the session. Once signed in, the VM list is fetched in idle time on any page (the live bridge
// keeps it current), so going to it shows it at once.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { usePathname } from 'next/navigation';
import { useEffect } from 'react';
import { useTRPC } from '~/lib/trpc';

type Trpc = ReturnType<typeof useTRPC>;

/** Once per page load: later navigations find the VM list prefetched below. */
let firstPageAsked = false;

function askFirstPage(queryClient: QueryClient, trpc: Trpc, pathname: string): void {
  if (firstPageAsked || typeof window === 'undefined') return;
  firstPageAsked = true;
  void queryClient.prefetchQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
  if (pathname === '/vms') void queryClient.prefetchQuery(trpc.domain.listAll.queryOptions(undefined, { staleTime: Infinity, retry: false }));
  else if (pathname === '/') void queryClient.prefetchQuery(trpc.host.overview.queryOptions(undefined, { retry: false }));
}

export function PrefetchPages({ signedIn }: { signedIn: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pathname = usePathname();
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
