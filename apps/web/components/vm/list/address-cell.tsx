'use client';
// A VM's address in the list: the first IPv4 (else IPv6) one, "+N" for more; the title lists every
// address with its sources, or why there is none.
import type { DomainAddresses } from '@virtdeck/contract/guest';
import { cidr } from '../guest/source-labels';
import { useVmAddresses } from './host-addresses';

function titleOf(a: DomainAddresses): string {
  if (a.addresses.length > 0) return a.addresses.map((x) => `${cidr(x)} (${x.nic}; ${x.sources.join(', ')})`).join('\n');
  const why = Object.entries(a.unavailable).map(([s, u]) => `${s}: ${u.reason}`);
  return why.length > 0 ? why.join('\n') : 'no address reported';
}

export function AddressCell({ hostId, uuid, running }: { hostId: string; uuid: string; running: boolean }) {
  const a = useVmAddresses(hostId, uuid);
  if (!running) return <span className="text-zinc-400">—</span>;
  if (a === undefined) return <span className="text-zinc-400" aria-label="addresses loading">…</span>;
  if (a === null || a.addresses.length === 0) {
    return (
      <span className="text-zinc-400" title={a ? titleOf(a) : 'not asked yet'}>
        —
      </span>
    );
  }
  const first = a.addresses.find((x) => x.type === 'ipv4') ?? a.addresses[0]!;
  return (
    <span className="font-mono text-xs" title={titleOf(a)} data-testid="vm-address" data-address={first.address} data-sources={first.sources.join(' ')}>
      {first.address}
      {a.addresses.length > 1 ? <span className="ml-1 text-zinc-400">+{a.addresses.length - 1}</span> : null}
    </span>
  );
}
