import { NetworksOverview } from '~/components/networks/networks-overview';

export default function Page() {
  return <NetworksOverview />;
}
