import type { ReactNode } from 'react';

const nav = ['Hosts', 'VMs', 'Storage', 'Networks', 'Audit'];

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <nav aria-label="Main" className="w-52 shrink-0 border-r border-zinc-200 bg-white px-3 py-4 dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mb-6 px-2 text-lg font-semibold tracking-tight">Virtdeck</div>
        <ul className="space-y-1 text-sm">
          {nav.map((item, i) => (
            <li key={item}>
              <span
                aria-current={i === 0 ? 'page' : undefined}
                className={
                  i === 0
                    ? 'block rounded-md bg-zinc-100 px-2 py-1.5 font-medium dark:bg-zinc-800'
                    : 'block px-2 py-1.5 text-zinc-400'
                }
              >
                {item}
              </span>
            </li>
          ))}
        </ul>
      </nav>
      <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
