import { HostPage } from '~/components/hosts/host-page';

export const metadata = { title: 'Host · Virtdeck' };

export default async function Page({ params }: { params: Promise<{ hostId: string }> }) {
  const { hostId } = await params;
  return <HostPage hostId={decodeURIComponent(hostId)} />;
}
