'use client';
// Shows the sign-in form until there is a session, then the app. The CSRF token that auth.me
// returns is kept for every later mutation.
import { useQuery } from '@tanstack/react-query';
import { ErrorState, Skeleton } from '@virtdeck/ui';
import { useSyncExternalStore, type ReactNode } from 'react';
import { setCsrfToken } from '~/lib/csrf';
import { isDatabaseUnavailable } from '~/lib/trpc-errors';
import { useTRPC } from '~/lib/trpc';
import { PrefetchPages } from './prefetch-pages';
import { SignInForm } from './sign-in-form';

const noSubscription = () => () => {};

/**
 * False while React hydrates the server's HTML (which shows the loading state: the server has no
 * session), true after. The session may have answered before hydration (it is asked for before
 * React starts): rendering it then would not match the HTML.
 */
function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

export function SessionGate({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
  const hydrated = useHydrated();
  // Rendered before the session answers, so the page's data is asked for with it (one batch).
  const prefetch = <PrefetchPages signedIn={Boolean(me.data)} />;
  if (me.isPending || !hydrated) return <>{prefetch}<Skeleton className="m-8 h-32" label="Loading" /></>;
  if (me.isError) {
    // The BFF answers, but its database (PostgreSQL) is away: say which part is down.
    const title = isDatabaseUnavailable(me.error) ? 'The Virtdeck database is unavailable' : 'The Virtdeck backend did not answer';
    return <ErrorState title={title} message={me.error.message} />;
  }
  if (!me.data) {
    setCsrfToken(null);
    return <>{prefetch}<SignInForm /></>;
  }
  setCsrfToken(me.data.csrfToken);
  return <>{prefetch}{children}</>;
}
