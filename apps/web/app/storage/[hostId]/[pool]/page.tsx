import { PLACEHOLDER } from '~/lib/path-placeholder';
import { PoolRoute } from './pool-route';

/** One exported page for every pool: it reads the host and pool from the URL (lib/path-params.ts). */
export function generateStaticParams() {
  return [{ hostId: PLACEHOLDER, pool: PLACEHOLDER }];
}

export default function Page() {
  return <PoolRoute />;
}
