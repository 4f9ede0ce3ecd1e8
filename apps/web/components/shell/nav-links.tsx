'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useMe } from '~/lib/use-me';

const items = [
  { href: '/', label: 'Hosts' },
  { href: '/vms', label: 'VMs' },
  { href: '/storage', label: 'Storage' },
  { href: '/networks', label: 'Networks' },
  { href: '/schedules', label: 'Schedules' },
  { href: '/tokens', label: 'API tokens' },
  { href: '/audit', label: 'Audit', admin: true },
  { href: '/admin/users', label: 'Users', admin: true },
];

export function NavLinks() {
  const pathname = usePathname();
  const me = useMe();
  const isAdmin = me?.user.role === 'admin';
  return (
    <ul className="space-y-1 text-sm">
      {items
        .filter((i) => !i.admin || isAdmin)
        .map((item) => {
          const active = item.href === '/' ? pathname === '/' : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                // Fully prefetched (every route is dynamic: the layout reads the CSP nonce), so
                // a click needs no request to the web server before the page shows.
                prefetch
                aria-current={active ? 'page' : undefined}
                className={`block rounded-md px-2 py-1.5 focus-visible:outline-2 focus-visible:outline-[var(--color-accent)] ${
                  active ? 'bg-zinc-100 font-medium dark:bg-zinc-800' : 'text-zinc-600 hover:bg-zinc-50 dark:text-zinc-400 dark:hover:bg-zinc-800/50'
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
    </ul>
  );
}
