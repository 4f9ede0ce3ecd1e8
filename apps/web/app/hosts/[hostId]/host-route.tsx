'use client';
import { HostPage } from '~/components/hosts/host-page';
import { usePathSegments } from '~/lib/path-params';

export function HostRoute() {
  const [hostId = ''] = usePathSegments();
  return <HostPage hostId={decodeURIComponent(hostId)} />;
}
