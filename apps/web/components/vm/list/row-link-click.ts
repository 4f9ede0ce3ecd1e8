'use client';
// The VM list's name links are plain <a>s, not next/link: a Link per row costs each row its own
// router state and a viewport observer that prefetches that VM's page as it scrolls into view (a
// request per row shown, dozens at once in a 1,000-VM list). One click handler on the table
// makes a plain left click on such a link (marked data-row-link) a client-side navigation, as Link would; a click with
// a modifier or another button is the browser's own (new tab, new window).
import { useRouter } from 'next/navigation';
import { useCallback, type MouseEvent } from 'react';

export function useRowLinkClick(): (e: MouseEvent<HTMLElement>) => void {
  const router = useRouter();
  return useCallback(
    (e: MouseEvent<HTMLElement>) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = (e.target as Element).closest('a[data-row-link]');
      const href = link?.getAttribute('href');
      if (!href) return;
      e.preventDefault();
      router.push(href);
    },
    [router],
  );
}
