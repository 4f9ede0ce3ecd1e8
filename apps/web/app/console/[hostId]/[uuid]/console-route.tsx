'use client';
import { ConsolePage } from '~/components/console/console-page';
import { usePathSegments } from '~/lib/path-params';

export function ConsoleRoute() {
  const [hostId = '', uuid = ''] = usePathSegments();
  return <ConsolePage hostId={hostId} uuid={uuid} />;
}
