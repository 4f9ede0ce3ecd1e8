'use client';
import { PoolPage } from '~/components/storage/pool-page';
import { usePathSegments } from '~/lib/path-params';

export function PoolRoute() {
  const [hostId = '', pool = ''] = usePathSegments();
  return <PoolPage hostId={decodeURIComponent(hostId)} pool={decodeURIComponent(pool)} />;
}
