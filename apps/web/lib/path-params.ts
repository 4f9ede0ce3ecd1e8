'use client';
// The dynamic routes (/vms/[hostId]/[uuid], /console/[hostId]/[uuid], /storage/[hostId]/[pool],
// /hosts/[hostId]) are exported once each, for the placeholder PLACEHOLDER; the BFF answers every
// /vms/<a>/<b> with that one page (apps/bff/src/web/path-map.ts). So the page reads its real
// segments from the browser's URL, never from Next's params (which say PLACEHOLDER).
import { usePathname } from 'next/navigation';

/**
 * The URL path's segments after the route's first one, as written in the URL (still encoded):
 * `/vms/h%20x/u` gives ['h%20x', 'u'].
 */
export function usePathSegments(): string[] {
  const pathname = usePathname();
  return pathname.split('/').filter(Boolean).slice(1);
}
