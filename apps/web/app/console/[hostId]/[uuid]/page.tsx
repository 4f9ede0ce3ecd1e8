import { ConsolePage } from '~/components/console/console-page';

// A console on a page of its own, to open beside the dashboard in a separate window.
export default async function Page({ params }: { params: Promise<{ hostId: string; uuid: string }> }) {
  const { hostId, uuid } = await params;
  return <ConsolePage hostId={hostId} uuid={uuid} />;
}
