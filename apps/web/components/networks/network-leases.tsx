'use client';
// dnsmasq's DHCP leases on a running network: address, MAC, host name, when each expires.
import { useQuery } from '@tanstack/react-query';
import { table } from '@virtdeck/ui/table-style';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';

export function NetworkLeases({ hostId, name, active }: { hostId: string; name: string; active: boolean }) {
  const trpc = useTRPC();
  const leases = useQuery({ ...trpc.network.leases.queryOptions({ hostId, name }), enabled: active, refetchInterval: 15_000 });
  return (
    <div className="space-y-2" data-testid="dhcp-leases">
      <h3 className="text-xs font-semibold text-zinc-600 uppercase dark:text-zinc-400">DHCP leases</h3>
      {!active ? (
        <p className="text-xs text-zinc-500">The network is stopped: no leases.</p>
      ) : leases.isPending ? (
        <p className="text-xs text-zinc-500">Loading leases…</p>
      ) : leases.isError ? (
        <p className="text-xs text-red-700 dark:text-red-400">{errorMessage(leases.error)}</p>
      ) : leases.data.length === 0 ? (
        <p className="text-xs text-zinc-500">No leases yet.</p>
      ) : (
        <table className={table.table} aria-label={`DHCP leases of ${name}`}>
          <tbody className={table.tbody}>
            {leases.data.map((l) => (
              <tr key={`${l.ipAddress}/${l.mac ?? ''}`}>
                <td className={`${table.td} font-mono text-xs`}>
                  {l.ipAddress}/{l.prefix}
                </td>
                <td className={`${table.td} font-mono text-xs`}>{l.mac ?? '—'}</td>
                <td className={table.td}>{l.hostname ?? '—'}</td>
                <td className={`${table.td} text-xs text-zinc-500 tabular-nums`}>until {new Date(l.expiryTime * 1000).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
