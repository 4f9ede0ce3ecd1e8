import type { ReactNode } from 'react';
import { LiveBridge } from '../live/live-bridge';
import { NavLinks } from './nav-links';
import { ThemeToggle } from './theme-toggle';
import { UserMenu } from './user-menu';

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <LiveBridge />
      <nav aria-label="Main" className="sticky top-0 flex h-screen w-52 shrink-0 flex-col border-r border-zinc-200 bg-white px-3 py-4 dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mb-6 px-2 text-lg font-semibold tracking-tight">Virtdeck</div>
        <NavLinks />
        <div className="mt-auto">
          <div className="mb-3 px-2"><ThemeToggle /></div>
          <UserMenu />
        </div>
      </nav>
      <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
