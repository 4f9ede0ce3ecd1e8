import { describe, expect, it } from 'vitest';
import { BuildError, buildDhcpHostXml, buildNetworkXml, parseNetworkXml, type NetworkSpec } from '../src/index.js';

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BuildError);
    return (error as BuildError).field;
  }
  throw new Error('expected a BuildError');
}

const v4 = { family: 'ipv4' as const, address: '192.168.140.1', prefix: 24 };
const v6 = { family: 'ipv6' as const, address: 'fd00:140::1', prefix: 64 };

describe('buildNetworkXml', () => {
  it('builds a NAT network with IPv4 and IPv6, DHCP ranges and static hosts that the parser reads back', () => {
    const xml = buildNetworkXml({
      name: 'lab',
      forward: 'nat',
      bridge: 'virbr40',
      ips: [
        { ...v4, dhcpRange: { start: '192.168.140.100', end: '192.168.140.200' }, hosts: [{ mac: '52:54:00:AA:00:01', name: 'web', ip: '192.168.140.10' }] },
        { ...v6, dhcpRange: { start: 'fd00:140::100', end: 'fd00:140::1ff' }, hosts: [{ name: 'web', ip: 'fd00:140::10' }] },
      ],
    });
    expect(parseNetworkXml(xml.replace('<name>lab</name>', '<name>lab</name><uuid>u</uuid>'))).toEqual({
      name: 'lab',
      uuid: 'u',
      forwardMode: 'nat',
      bridge: 'virbr40',
      ips: [
        {
          family: 'ipv4',
          address: '192.168.140.1',
          prefix: 24,
          dhcpRanges: [{ start: '192.168.140.100', end: '192.168.140.200' }],
          dhcpHosts: [{ mac: '52:54:00:aa:00:01', name: 'web', ip: '192.168.140.10' }],
        },
        { family: 'ipv6', address: 'fd00:140::1', prefix: 64, dhcpRanges: [{ start: 'fd00:140::100', end: 'fd00:140::1ff' }], dhcpHosts: [{ name: 'web', ip: 'fd00:140::10' }] },
      ],
    });
  });

  it('writes each forward mode as libvirt has it', () => {
    const mode = (spec: NetworkSpec) => parseNetworkXml(buildNetworkXml({ ...spec, uuid: '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5' }));
    expect(mode({ name: 'i', forward: 'isolated', ips: [v4] }).forwardMode).toBe('isolated');
    expect(mode({ name: 'r', forward: 'route', forwardDev: 'eth0', ips: [v4] })).toMatchObject({ forwardMode: 'route', forwardDev: 'eth0' });
    expect(mode({ name: 'o', forward: 'open', ips: [v6] }).forwardMode).toBe('open');
    expect(mode({ name: 'b', forward: 'bridge', bridge: 'br0' })).toMatchObject({ forwardMode: 'bridge', bridge: 'br0', ips: [] });
    expect(buildNetworkXml({ name: 'b', forward: 'bridge', bridge: 'br0' })).not.toContain('stp');
  });

  it('keeps the bridge MAC and the DNS domain when given (a redefine)', () => {
    const xml = buildNetworkXml({ name: 'n', uuid: '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5', forward: 'nat', mac: '52:54:00:0A:0B:0C', domain: 'lab.example', ips: [v4] });
    expect(parseNetworkXml(xml)).toMatchObject({ mac: '52:54:00:0a:0b:0c', domain: 'lab.example' });
    expect(fieldOf(() => buildNetworkXml({ name: 'n', forward: 'nat', mac: 'zz', ips: [v4] }))).toBe('mac');
    expect(fieldOf(() => buildNetworkXml({ name: 'b', forward: 'bridge', bridge: 'br0', domain: 'x' }))).toBe('domain');
  });

  it('escapes what it writes', () => {
    expect(buildNetworkXml({ name: `a<b>&'`, forward: 'isolated', ips: [v4] })).toContain('<name>a&lt;b&gt;&amp;&apos;</name>');
  });

  it('refuses bad input naming the field', () => {
    const base: NetworkSpec = { name: 'n', forward: 'nat', ips: [v4] };
    expect(fieldOf(() => buildNetworkXml({ ...base, name: 'a/b' }))).toBe('name');
    expect(fieldOf(() => buildNetworkXml({ ...base, forward: 'vepa' as never }))).toBe('forward');
    expect(fieldOf(() => buildNetworkXml({ ...base, bridge: 'a-very-long-bridge-name' }))).toBe('bridge');
    expect(fieldOf(() => buildNetworkXml({ name: 'b', forward: 'bridge' }))).toBe('bridge');
    expect(fieldOf(() => buildNetworkXml({ name: 'b', forward: 'bridge', bridge: 'br0', ips: [v4] }))).toBe('ips');
    expect(fieldOf(() => buildNetworkXml({ ...base, ips: [] }))).toBe('ips');
    expect(fieldOf(() => buildNetworkXml({ ...base, forward: 'open', forwardDev: 'eth0' }))).toBe('forwardDev');
    expect(fieldOf(() => buildNetworkXml({ ...base, ips: [{ ...v4, address: '192.168.300.1' }] }))).toBe('ips[0].address');
    expect(fieldOf(() => buildNetworkXml({ ...base, ips: [{ ...v4, address: '192.168.140.0' }] }))).toBe('ips[0].address');
    expect(fieldOf(() => buildNetworkXml({ ...base, ips: [{ ...v4, prefix: 31 }] }))).toBe('ips[0].prefix');
    expect(fieldOf(() => buildNetworkXml({ ...base, ips: [{ ...v4, dhcpRange: { start: '192.168.141.2', end: '192.168.140.9' } }] }))).toBe('ips[0].dhcpRange.start');
    expect(fieldOf(() => buildNetworkXml({ ...base, ips: [{ ...v4, dhcpRange: { start: '192.168.140.9', end: '192.168.140.2' } }] }))).toBe('ips[0].dhcpRange.end');
    expect(fieldOf(() => buildNetworkXml({ ...base, ips: [{ ...v4, dhcpRange: { start: '192.168.140.2', end: '192.168.140.255' } }] }))).toBe('ips[0].dhcpRange.end');
    expect(fieldOf(() => buildNetworkXml({ ...base, ips: [{ ...v4, hosts: [{ ip: '192.168.140.5' }] }] }))).toBe('ips[0].hosts[0].mac');
    expect(fieldOf(() => buildNetworkXml({ ...base, ips: [{ ...v4, hosts: [{ mac: '52:54:00:00:00:01', ip: '10.0.0.5' }] }] }))).toBe('ips[0].hosts[0].ip');
    expect(fieldOf(() => buildNetworkXml({ ...base, ips: [{ ...v4, hosts: [{ mac: '52:54:00:00:00:01', ip: '192.168.140.5' }, { mac: '52:54:00:00:00:01', ip: '192.168.140.6' }] }] }))).toBe('ips[0].hosts[1]');
    expect(fieldOf(() => buildNetworkXml({ ...base, ips: [{ ...v6, address: 'fd00::1::2' }] }))).toBe('ips[0].address');
    expect(fieldOf(() => buildNetworkXml({ ...base, ips: [{ ...v6, prefix: 48, dhcpRange: { start: 'fd00:140::2', end: 'fd00:140::9' } }] }))).toBe('ips[0].prefix');
    expect(fieldOf(() => buildNetworkXml({ ...base, ips: [{ ...v6, dhcpRange: { start: 'fd00:140::2', end: 'fd00:141::9' } }] }))).toBe('ips[0].dhcpRange.end');
    expect(fieldOf(() => buildNetworkXml({ ...base, ips: [v4, { ...v4, address: '192.168.141.1' }] }))).toBe('ips');
  });
});

describe('buildDhcpHostXml', () => {
  it('writes one <host> for virNetworkUpdate, inside the subnet it goes under', () => {
    expect(buildDhcpHostXml({ mac: '52:54:00:AA:BB:01', name: 'h1', ip: '192.168.140.10' }, v4)).toBe("<host mac='52:54:00:aa:bb:01' name='h1' ip='192.168.140.10'/>\n");
    expect(buildDhcpHostXml({ name: 'h1', ip: 'fd00:140::10' }, v6)).toBe("<host name='h1' ip='fd00:140::10'/>\n");
    expect(fieldOf(() => buildDhcpHostXml({ mac: 'nope', ip: '192.168.140.10' }, v4))).toBe('host.mac');
    expect(fieldOf(() => buildDhcpHostXml({ mac: '52:54:00:aa:bb:01', ip: 'fd00:140::10' }, v6))).toBe('host.mac');
    const outside = (() => {
      try {
        buildDhcpHostXml({ mac: '52:54:00:aa:bb:01', ip: '192.168.141.10' }, v4);
      } catch (e) {
        return e as BuildError;
      }
      return null;
    })();
    expect(outside).toMatchObject({ field: 'host.ip', message: 'host.ip: must be inside 192.168.140.0/24' });
    expect(() => buildDhcpHostXml({ name: 'h', ip: 'fd00:141::10' }, v6)).toThrow('must be inside fd00:140::/64');
  });
});
