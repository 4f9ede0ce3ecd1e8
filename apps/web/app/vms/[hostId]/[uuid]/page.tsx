import { VmPage } from '~/components/vm/detail/vm-page';

export const metadata = { title: 'Virtual machine · Virtdeck' };

export default async function Page({ params }: { params: Promise<{ hostId: string; uuid: string }> }) {
  const { hostId, uuid } = await params;
  return <VmPage hostId={decodeURIComponent(hostId)} uuid={decodeURIComponent(uuid)} />;
}
