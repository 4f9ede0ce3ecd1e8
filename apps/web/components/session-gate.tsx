'use client';
// Shows the sign-in form until there is a session, then the app. The CSRF token that auth.me
// returns is kept for every later mutation.
import { useQuery } from '@tanstack/react-query';
import { ErrorState, Skeleton } from '@virtdeck/ui';
import type { ReactNode } from 'react';
import { setCsrfToken } from '~/lib/csrf';
import { useTRPC } from '~/lib/trpc';
import { SignInForm } from './sign-in-form';

export function SessionGate({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
  if (me.isPending) return <Skeleton className="m-8 h-32" label="Loading" />;
  if (me.isError) return <ErrorState title="The Virtdeck backend did not answer" message={me.error.message} />;
  if (!me.data) {
    setCsrfToken(null);
    return <SignInForm />;
  }
  setCsrfToken(me.data.csrfToken);
  return <>{children}</>;
}
