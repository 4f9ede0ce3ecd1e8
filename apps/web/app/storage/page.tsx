import { StorageOverview } from '~/components/storage/storage-overview';

export default function Page() {
  return <StorageOverview />;
}
