import { DomainTable } from '~/components/domain-table';
import { HostSummary } from '~/components/host-summary';

export default function HomePage() {
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold tracking-tight">Host</h1>
      <HostSummary />
      <h2 className="text-base font-semibold tracking-tight">Virtual machines</h2>
      <DomainTable />
    </div>
  );
}
