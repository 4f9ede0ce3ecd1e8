import { PLACEHOLDER } from '~/lib/path-placeholder';
import { ConsoleRoute } from './console-route';

/** One exported page for every console: it reads the host and UUID from the URL (lib/path-params.ts). */
export function generateStaticParams() {
  return [{ hostId: PLACEHOLDER, uuid: PLACEHOLDER }];
}

// A console on a page of its own, to open beside the dashboard in a separate window.
export default function Page() {
  return <ConsoleRoute />;
}
