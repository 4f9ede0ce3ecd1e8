import { PoolPage } from '~/components/storage/pool-page';

export default async function Page({ params }: { params: Promise<{ hostId: string; pool: string }> }) {
  const { hostId, pool } = await params;
  return <PoolPage hostId={decodeURIComponent(hostId)} pool={decodeURIComponent(pool)} />;
}
