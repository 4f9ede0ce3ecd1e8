import type { Metadata } from 'next';
import type { ReactNode } from 'react';
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

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script sets the `dark` class before first paint; React must not undo it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body>
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
