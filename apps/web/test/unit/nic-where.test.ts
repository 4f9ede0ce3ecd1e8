// What the NICs tab says of a NIC whose running form and definition differ.
import { describe, expect, it } from 'vitest';
import { nicWhere } from '../../components/vm/nics/nic-where';
import type { NicPairView } from '../../components/vm/nics/nic-types';

type Nic = NonNullable<NicPairView['live']>;
const nic = (over: Partial<Nic> = {}): Nic => ({ type: 'network', mac: '52:54:00:00:00:01', model: 'virtio', source: { network: 'lab' }, linkUp: true, ...over });
const pair = (live: Nic | null, config: Nic | null): NicPairView => ({ mac: '52:54:00:00:00:01', live, config });

describe('nicWhere', () => {
  it('says nothing of a VM that is off, or of a NIC that runs as defined', () => {
    expect(nicWhere(pair(null, nic()), false)).toBeNull();
    expect(nicWhere(pair(nic(), nic()), true)).toBeNull();
    // The link is set live and in the definition at once: no difference worth a mark.
    expect(nicWhere(pair(nic({ linkUp: false }), nic()), true)).toBeNull();
  });

  it('marks a NIC that comes, goes or changes at the next start', () => {
    expect(nicWhere(pair(nic(), null), true)).toBe('gone at the next start');
    expect(nicWhere(pair(null, nic()), true)).toBe('from the next start');
    expect(nicWhere(pair(nic(), nic({ model: 'e1000' })), true)).toBe('changes at the next start');
    expect(nicWhere(pair(nic(), nic({ type: 'bridge', source: { bridge: 'br0' } })), true)).toBe('changes at the next start');
  });
});
