import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { ZodWithoutEval } from '~/components/csp/zod-without-eval';
import { Providers } from '~/components/providers';
import { SessionGate } from '~/components/session-gate';
import { AppShell } from '~/components/shell/app-shell';
import { ThemeScript } from '~/components/shell/theme-toggle';
import { Toaster } from '~/components/shell/toaster';
import './globals.css';

export const metadata: Metadata = {
  title: 'Virtdeck',
  description: 'A browser dashboard for libvirt hosts',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Exported (VIRTDECK_WEB_EXPORT=1): no request, no nonce; the BFF allows each page's inline
  // scripts by their hashes. Under server.mjs, the page's CSP nonce: reading it renders every page
  // per request, which a nonce needs anyway (a prerendered page cannot carry one).
  const nonce = process.env.VIRTDECK_WEB_EXPORT === '1' ? undefined : ((await headers()).get('x-nonce') ?? undefined);
  return (
    // The theme script sets the `dark` class before first paint; React must not undo it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body>
        <ZodWithoutEval />
        <Providers>
          <SessionGate>
            <AppShell>{children}</AppShell>
          </SessionGate>
          <Toaster />
        </Providers>
      </body>
    </html>
  );
}
