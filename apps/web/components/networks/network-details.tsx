'use client';
// A network's row opened: its static DHCP hosts and its leases.
import { NetworkDhcpHosts } from './network-dhcp-hosts';
import { NetworkLeases } from './network-leases';

export function NetworkDetails({ hostId, name, active, canOperate }: { hostId: string; name: string; active: boolean; canOperate: boolean }) {
  return (
    <div className="space-y-4 p-2" data-testid="network-details">
      <NetworkDhcpHosts hostId={hostId} name={name} canOperate={canOperate} />
      <NetworkLeases hostId={hostId} name={name} active={active} />
    </div>
  );
}
