'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink } from '@trpc/client';
import type { AppRouter } from '@virtdeck/bff';
import { useState, type ReactNode } from 'react';
import { csrfHeaders } from '~/lib/csrf';
import { startFirstPageFetch } from '~/lib/first-page-batch';
import { TRPCProvider } from '~/lib/trpc';

// The first page's data, asked for as this module loads (before React renders anything), or taken
// from the HTML's preload of the same URL: see lib/first-page-batch.ts.
if (typeof window !== 'undefined') startFirstPageFetch(window.location.pathname);

// The BFF refuses a batch of more than 50 calls (apps/bff/src/net/limits.ts): stay well under.
const MAX_BATCH = 20;

function makeClient() {
  // Server-side pre-rendering runs no queries and opens no websocket.
  if (typeof window === 'undefined') return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: '/trpc', maxItems: MAX_BATCH })] });
  // Subscriptions (live state) go over one websocket on this same origin, opened only while a
  // subscription is active; queries and mutations over HTTP with the CSRF header.
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const wsClient = createWSClient({
    url: `${scheme}://${window.location.host}/trpc`,
    lazy: { enabled: true, closeMs: 5_000 },
    retryDelayMs: (attempt) => Math.min(10_000, 500 * 2 ** attempt),
  });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({ url: '/trpc', headers: csrfHeaders, maxItems: MAX_BATCH }),
      }),
    ],
  });
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: false } } }),
  );
  const [trpcClient] = useState(makeClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
