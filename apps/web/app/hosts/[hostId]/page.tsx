import { PLACEHOLDER } from '~/lib/path-placeholder';
import { HostRoute } from './host-route';

export const metadata = { title: 'Host · Virtdeck' };

/** One exported page for every host: it reads the host from the URL (lib/path-params.ts). */
export function generateStaticParams() {
  return [{ hostId: PLACEHOLDER }];
}

export default function Page() {
  return <HostRoute />;
}
