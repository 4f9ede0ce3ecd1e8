import { PLACEHOLDER } from '~/lib/path-placeholder';
import { VmRoute } from './vm-route';

export const metadata = { title: 'Virtual machine · Virtdeck' };

/** One exported page for every VM: it reads the host and UUID from the URL (lib/path-params.ts). */
export function generateStaticParams() {
  return [{ hostId: PLACEHOLDER, uuid: PLACEHOLDER }];
}

export default function Page() {
  return <VmRoute />;
}
