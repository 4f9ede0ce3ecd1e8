import { describe, expect, it } from 'vitest';
import { parseNetworkXml } from '../src/index.js';
import { fixture } from './fixture.js';

describe('parseNetworkXml', () => {
  it('reads a NAT network with IPv4 and IPv6 DHCP', () => {
    expect(parseNetworkXml(fixture('network-default.xml'))).toEqual({
      name: 'default',
      uuid: '5a8d0b3e-1f2c-4d5e-8f9a-0b1c2d3e4f5a',
      forwardMode: 'nat',
      bridge: 'virbr0',
      mac: '52:54:00:0a:2b:3c',
      ips: [
        {
          family: 'ipv4',
          address: '192.168.122.1',
          netmask: '255.255.255.0',
          prefix: 24,
          dhcpRanges: [{ start: '192.168.122.2', end: '192.168.122.254' }],
          dhcpHosts: [{ mac: '52:54:00:6b:3c:58', name: 'web-01', ip: '192.168.122.10' }],
        },
        { family: 'ipv6', address: 'fd00:122::1', prefix: 64, dhcpRanges: [{ start: 'fd00:122::100', end: 'fd00:122::1ff' }], dhcpHosts: [] },
      ],
    });
  });

  it('calls a network without <forward> isolated and <forward/> without mode nat', () => {
    expect(parseNetworkXml(fixture('network-isolated.xml'))).toMatchObject({ forwardMode: 'isolated', bridge: 'virbr5', ips: [{ prefix: 24, dhcpRanges: [] }] });
    expect(parseNetworkXml('<network><name>n</name><uuid>u</uuid><forward/></network>').forwardMode).toBe('nat');
    expect(parseNetworkXml("<network><name>n</name><uuid>u</uuid><forward mode='bridge'><interface dev='eth1'/></forward></network>")).toMatchObject({
      forwardMode: 'bridge',
      forwardDev: 'eth1',
    });
  });
});
