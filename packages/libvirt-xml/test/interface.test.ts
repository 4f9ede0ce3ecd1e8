import { describe, expect, it } from 'vitest';
import { BuildError, buildInterfaceXml, changeInterface, interfaceXmlOf, parseDomainXml } from '../src/index.js';
import { fixture } from './fixture.js';

const running = fixture('domain-running.xml');
const inDomain = (nic: string) => parseDomainXml(`<domain type='qemu'><name>x</name><uuid>00000000-0000-4000-8000-000000000001</uuid><memory>65536</memory><os><type>hvm</type></os><devices>${nic}</devices></domain>`).nics[0];

describe('buildInterfaceXml', () => {
  it('writes a network, a bridge and a user NIC with model, MAC and link state', () => {
    expect(inDomain(buildInterfaceXml({ source: { kind: 'network', network: 'lab net' }, mac: '52:54:00:AA:00:01', linkUp: false }))).toEqual({
      type: 'network',
      mac: '52:54:00:aa:00:01',
      model: 'virtio',
      source: { network: 'lab net' },
      linkUp: false,
    });
    expect(inDomain(buildInterfaceXml({ source: { kind: 'bridge', bridge: 'br0' }, model: 'e1000e' }))).toMatchObject({ type: 'bridge', source: { bridge: 'br0' }, model: 'e1000e', linkUp: true });
    const user = buildInterfaceXml({ source: { kind: 'user' } });
    expect(user).not.toContain('<source');
    expect(inDomain(user)).toMatchObject({ type: 'user', source: {} });
  });

  it('escapes a network name', () => {
    expect(buildInterfaceXml({ source: { kind: 'network', network: `a'<b>&"` } })).toContain(`network='a&apos;&lt;b&gt;&amp;&quot;'`);
  });

  it('refuses bad input, naming the field', () => {
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof BuildError ? e.field : 'not a BuildError';
      }
      return 'no error';
    };
    expect(field(() => buildInterfaceXml({ source: { kind: 'user' }, mac: '01:00:5e:00:00:01' }))).toBe('mac');
    expect(field(() => buildInterfaceXml({ source: { kind: 'user' }, mac: '52:54:00:00:00' }))).toBe('mac');
    expect(field(() => buildInterfaceXml({ source: { kind: 'bridge', bridge: 'br0/../x' } }))).toBe('source.bridge');
    expect(field(() => buildInterfaceXml({ source: { kind: 'network', network: '' } }))).toBe('source.network');
    expect(field(() => buildInterfaceXml({ source: { kind: 'user' }, model: 'ne2k' as never }))).toBe('model');
  });
});

describe('interfaceXmlOf and changeInterface', () => {
  it('finds a NIC by MAC, any case, and keeps what libvirt matches it on', () => {
    const nic = interfaceXmlOf(running, '52:54:00:AA:BB:01');
    expect(nic).toContain("<alias name='net1'/>");
    expect(interfaceXmlOf(running, '52:54:00:00:00:99')).toBeNull();
  });

  it('changes source, model, MAC and link, dropping the old tap and port', () => {
    const nic = interfaceXmlOf(running, '52:54:00:6b:3c:58') as string;
    const changed = changeInterface(nic, { source: { kind: 'bridge', bridge: 'br1' }, model: 'e1000', mac: '52:54:00:00:00:02', linkUp: false });
    expect(inDomain(changed)).toEqual({ type: 'bridge', mac: '52:54:00:00:00:02', model: 'e1000', source: { bridge: 'br1' }, alias: 'net0', linkUp: false });
    expect(changed).not.toContain('portid');
    expect(changed).not.toContain('vnet12');
  });

  it('sets only the link, keeping the rest as it was', () => {
    const nic = interfaceXmlOf(running, '52:54:00:aa:bb:01') as string;
    const up = changeInterface(nic, { linkUp: true });
    expect(up).toContain("<link state='up'/>");
    expect(up).toContain("<target dev='vnet13'/>");
    expect(up.replace("<link state='up'/>", "<link state='down'/>")).toBe(changeInterface(nic, {}));
  });

  it('refuses a bad MAC', () => {
    expect(() => changeInterface(interfaceXmlOf(running, '52:54:00:aa:bb:01') as string, { mac: 'nope' })).toThrow(BuildError);
  });
});
