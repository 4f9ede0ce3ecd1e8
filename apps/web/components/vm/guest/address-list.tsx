'use client';
// A VM's addresses, one row per NIC and address, with the sources that reported it; below, each
// source that said nothing and why (no agent, not supported by this host).
import { Badge } from '@virtdeck/ui';
import { addressSources, type DomainAddresses } from '@virtdeck/contract/guest';
import { table } from '@virtdeck/ui/table-style';
import { cidr, SOURCE_LABEL, SOURCE_TITLE } from './source-labels';

export function AddressList({ data }: { data: DomainAddresses }) {
  const refused = addressSources.flatMap((s) => {
    const u = data.unavailable[s];
    return u ? [{ source: s, ...u }] : [];
  });
  return (
    <div className="space-y-2">
      {data.addresses.length === 0 ? (
        <p className="text-sm text-zinc-500" data-testid="guest-no-addresses">
          — no address reported yet
        </p>
      ) : (
        <div className={table.wrap}>
          <table className={table.table} aria-label="Guest addresses">
            <thead className={table.thead}>
              <tr>
                <th className={table.th}>NIC</th>
                <th className={table.th}>MAC</th>
                <th className={table.th}>Address</th>
                <th className={table.th}>Source</th>
              </tr>
            </thead>
            <tbody className={table.tbody}>
              {data.addresses.map((a) => (
                <tr key={`${a.hwaddr ?? a.nic}/${a.address}`} data-testid="guest-address" data-address={a.address} data-sources={a.sources.join(' ')}>
                  <td className={table.td}>{a.nic}</td>
                  <td className={`${table.td} font-mono text-xs`}>{a.hwaddr ?? '—'}</td>
                  <td className={`${table.td} font-mono text-xs`}>
                    {cidr(a)} <span className="text-zinc-400">{a.type === 'ipv6' ? 'IPv6' : 'IPv4'}</span>
                  </td>
                  <td className={`${table.td} space-x-1`}>
                    {a.sources.map((s) => (
                      <Badge key={s} tone="blue" title={SOURCE_TITLE[s]} testId="address-source" state={s}>
                        {SOURCE_LABEL[s]}
                      </Badge>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {refused.length > 0 ? (
        <ul className="space-y-0.5 text-xs text-zinc-500">
          {refused.map((r) => (
            <li key={r.source} data-testid="address-source-unavailable" data-source={r.source}>
              {SOURCE_LABEL[r.source]}: — {r.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
