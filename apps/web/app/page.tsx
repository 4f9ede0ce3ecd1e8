import { HostList } from '~/components/host-list';

export default function HomePage() {
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold tracking-tight">Hosts</h1>
      <HostList />
    </div>
  );
}
