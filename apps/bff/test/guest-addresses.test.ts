// How the three sources' NICs merge into the rows the UI shows (pure: no daemon).
import { describe, expect, it } from 'vitest';
import { mergeAddresses } from '../src/routers/guest/addresses.js';

const mac = '52:54:00:aa:bb:cc';

describe('mergeAddresses', () => {
  it('one row per NIC and address, with every source that saw it; the agent names the NIC', () => {
    const rows = mergeAddresses({
      agent: [
        { name: 'lo', hwaddr: '00:00:00:00:00:00', addresses: [{ type: 'ipv4', address: '127.0.0.1', prefix: 8 }, { type: 'ipv6', address: '::1', prefix: 128 }] },
        { name: 'eth0', hwaddr: mac, addresses: [{ type: 'ipv4', address: '192.168.122.10', prefix: 24 }, { type: 'ipv6', address: 'fe80::1', prefix: 64 }] },
      ],
      lease: [{ name: 'vnet3', hwaddr: mac, addresses: [{ type: 'ipv4', address: '192.168.122.10', prefix: 24 }] }],
      arp: [{ name: 'vnet3', hwaddr: mac, addresses: [{ type: 'ipv4', address: '192.168.122.10', prefix: 0 }] }],
    });
    expect(rows).toEqual([
      { type: 'ipv4', address: '192.168.122.10', prefix: 24, hwaddr: mac, nic: 'eth0', sources: ['agent', 'lease', 'arp'] },
      { type: 'ipv6', address: 'fe80::1', prefix: 64, hwaddr: mac, nic: 'eth0', sources: ['agent'] },
    ]);
  });

  it('without the agent, the host-side names and sources stand alone', () => {
    expect(mergeAddresses({ lease: [{ name: 'vnet0', hwaddr: mac, addresses: [{ type: 'ipv4', address: '10.0.0.5', prefix: 24 }] }] })).toEqual([
      { type: 'ipv4', address: '10.0.0.5', prefix: 24, hwaddr: mac, nic: 'vnet0', sources: ['lease'] },
    ]);
    expect(mergeAddresses({})).toEqual([]);
  });
});
