import { describe, expect, it } from 'vitest';
import { networkDefineInput, networkDhcpHostInput } from './network.ts';

const fieldOf = (r: { error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => i.path.join('.'));

describe('network schemas', () => {
  it('accepts a NAT network with IPv4 DHCP and a bridged one', () => {
    const nat = networkDefineInput.parse({
      name: 'lab',
      forward: 'nat',
      ips: [{ family: 'ipv4', address: '192.168.140.1', prefix: 24, dhcpRange: { start: '192.168.140.10', end: '192.168.140.20' } }],
    });
    expect(nat).toMatchObject({ start: true, autostart: false, ips: [{ hosts: [] }] });
    expect(networkDefineInput.safeParse({ name: 'br', forward: 'bridge', bridge: 'br0' }).success).toBe(true);
  });

  it('names the refused field', () => {
    expect(fieldOf(networkDefineInput.safeParse({ name: 'br', forward: 'bridge' }))).toEqual(['bridge']);
    expect(fieldOf(networkDefineInput.safeParse({ name: 'n', forward: 'nat' }))).toEqual(['ips']);
    expect(fieldOf(networkDefineInput.safeParse({ name: 'n', forward: 'nat', ips: [{ family: 'ipv4', address: 'fd00::1', prefix: 24 }] }))).toEqual(['ips.0.address']);
    expect(fieldOf(networkDefineInput.safeParse({ name: 'n', forward: 'open', forwardDev: 'eth0', ips: [{ family: 'ipv6', address: 'fd00::1', prefix: 64 }] }))).toEqual(['forwardDev']);
    expect(fieldOf(networkDhcpHostInput.safeParse({ name: 'n', command: 'add', host: { mac: 'zz', ip: '192.168.1.2' } }))).toEqual(['host.mac']);
  });
});
