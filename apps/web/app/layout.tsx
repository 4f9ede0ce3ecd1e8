import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppShell } from '~/components/shell/app-shell';
import { Providers } from '~/components/providers';
import { SessionGate } from '~/components/session-gate';
import './globals.css';

export const metadata: Metadata = {
  title: 'Virtdeck',
  description: 'A browser dashboard for libvirt hosts',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <SessionGate>
            <AppShell>{children}</AppShell>
          </SessionGate>
        </Providers>
      </body>
    </html>
  );
}
