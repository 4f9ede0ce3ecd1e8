import { HostsOverview } from '~/components/hosts/hosts-overview';

export default function HomePage() {
  return <HostsOverview />;
}
