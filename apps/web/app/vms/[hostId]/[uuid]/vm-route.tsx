'use client';
import { VmPage } from '~/components/vm/detail/vm-page';
import { usePathSegments } from '~/lib/path-params';

export function VmRoute() {
  const [hostId = '', uuid = ''] = usePathSegments();
  return <VmPage hostId={decodeURIComponent(hostId)} uuid={decodeURIComponent(uuid)} />;
}
