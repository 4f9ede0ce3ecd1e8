import { describe, expect, it } from 'vitest';
import { parseDomainXml } from '../src/index.js';
import { fixture } from './fixture.js';

describe('parseDomainXml: running QEMU domain', () => {
  const domain = parseDomainXml(fixture('domain-running.xml'));

  it('reads identity, memory in KiB and vCPUs', () => {
    expect(domain).toMatchObject({
      name: 'web-01',
      uuid: '4dea22b3-1d52-d8f3-2516-782e98ab3fa0',
      type: 'kvm',
      id: 7,
      title: 'Web & cache <prod>',
      memoryKiB: 4194304,
      currentMemoryKiB: 2097152,
      maxMemoryKiB: 16777216,
      vcpus: 2,
      maxVcpus: 4,
      os: { type: 'hvm', arch: 'x86_64', machine: 'pc-q35-8.2', boot: ['hd', 'cdrom'] },
    });
    expect(domain.description).toBe('Front end.\nSecond line with "quotes" é');
  });

  it('reads disks with driver, target, flags and boot order', () => {
    expect(domain.disks.map((d) => [d.targetDev, d.device, d.bus, d.chain.status])).toEqual([
      ['vda', 'disk', 'virtio', 'complete'],
      ['vdb', 'disk', 'virtio', 'complete'],
      ['sda', 'cdrom', 'sata', 'empty'],
      ['sdb', 'cdrom', 'sata', 'complete'],
    ]);
    const [vda, vdb, sda, sdb] = domain.disks;
    expect(vda).toMatchObject({
      type: 'file',
      driver: { name: 'qemu', type: 'qcow2', cache: 'none', discard: 'unmap' },
      serial: 'WEB01-ROOT',
      bootOrder: 1,
      alias: 'virtio-disk0',
      readonly: false,
      shareable: false,
    });
    expect(vdb?.shareable).toBe(true);
    expect(sda?.chain).toEqual({ layers: [], status: 'empty' });
    expect(sda?.readonly).toBe(true);
    expect(sdb?.chain.layers[0]).toMatchObject({ source: { kind: 'file', path: '/var/lib/libvirt/isos/debian-12.iso' }, readonly: true });
  });

  it('reads NICs of each type', () => {
    expect(domain.nics).toEqual([
      { type: 'network', mac: '52:54:00:6b:3c:58', model: 'virtio', source: { network: 'default', bridge: 'virbr0' }, targetDev: 'vnet12', alias: 'net0', linkUp: true },
      { type: 'bridge', mac: '52:54:00:aa:bb:01', model: 'e1000e', source: { bridge: 'br0' }, targetDev: 'vnet13', alias: 'net1', linkUp: false },
      { type: 'direct', mac: '52:54:00:aa:bb:02', model: 'virtio', source: { dev: 'eth0', mode: 'vepa' }, targetDev: 'macvtap0', alias: 'net2', linkUp: true },
      { type: 'user', mac: '52:54:00:aa:bb:03', model: 'rtl8139', source: {}, alias: 'net3', linkUp: true },
    ]);
  });

  it('reads graphics with ports and listens, and never returns the password', () => {
    expect(domain.graphics).toEqual([
      { type: 'vnc', port: 5900, tlsPort: null, autoport: true, listens: [{ type: 'address', address: '127.0.0.1' }], passwordSet: true },
      { type: 'spice', port: 5901, tlsPort: 5902, autoport: true, listens: [{ type: 'network', network: 'default', address: '192.168.122.1' }], passwordSet: false },
    ]);
    expect(JSON.stringify(domain)).not.toContain('s3cret');
  });

  it('reads serials and consoles with their pty', () => {
    expect(domain.serials).toEqual([{ type: 'pty', tty: '/dev/pts/4', path: '/dev/pts/4', target: { type: 'isa-serial', port: 0 }, alias: 'serial0' }]);
    expect(domain.consoles).toEqual([{ type: 'pty', tty: '/dev/pts/4', path: '/dev/pts/4', target: { type: 'serial', port: 0 }, alias: 'serial0' }]);
  });

  it('keeps metadata elements with their namespace, re-serialized', () => {
    expect(domain.metadata).toEqual([
      {
        name: 'virtdeck:owner',
        namespace: 'https://virtdeck.example/ns/1',
        xml: '<virtdeck:owner xmlns:virtdeck="https://virtdeck.example/ns/1"><virtdeck:team name="ops &amp; infra">platform</virtdeck:team></virtdeck:owner>',
      },
    ]);
  });
});

describe('parseDomainXml: inactive domain', () => {
  const domain = parseDomainXml(fixture('domain-inactive.xml'));

  it('converts memory units and defaults', () => {
    expect(domain).toMatchObject({ type: 'qemu', id: null, memoryKiB: 4 * 1024 * 1024, currentMemoryKiB: 2048 * 1024, vcpus: 4, maxVcpus: 4 });
    expect(domain.metadata).toBeUndefined();
    expect(domain.os.boot).toEqual([]);
  });

  it('marks an autoport port of -1 as null and reads socket/none listens', () => {
    expect(domain.graphics).toEqual([
      { type: 'vnc', port: null, tlsPort: null, autoport: true, listens: [{ type: 'address', address: '127.0.0.1' }], passwordSet: false },
      { type: 'vnc', port: null, tlsPort: null, autoport: false, listens: [{ type: 'socket', socket: '/run/libvirt/qemu/web-01.vnc' }], socket: '/run/libvirt/qemu/web-01.vnc', passwordSet: false },
      { type: 'spice', port: null, tlsPort: null, autoport: true, listens: [{ type: 'none' }], passwordSet: false },
    ]);
  });

  it('has consoles without a tty', () => {
    expect(domain.serials).toEqual([{ type: 'pty', target: { type: 'isa-serial', port: 0 } }]);
  });

  it('reads the legacy listen attribute when no <listen> element is present', () => {
    const xml = `<domain type='qemu'><name>a</name><uuid>u</uuid><memory>1024</memory><os><type>hvm</type></os>
      <devices><graphics type='vnc' port='5905' listen='0.0.0.0'/></devices></domain>`;
    expect(parseDomainXml(xml).graphics[0]?.listens).toEqual([{ type: 'address', address: '0.0.0.0' }]);
  });
});

describe('parseDomainXml: a disk with a block job in progress', () => {
  const withMirror = (mirror: string) =>
    parseDomainXml(`<domain type='qemu'><name>a</name><uuid>u</uuid><memory>1024</memory><os><type>hvm</type></os>
      <devices><disk type='file' device='disk'><source file='/p/top.qcow2'/><target dev='vda'/>${mirror}</disk></devices></domain>`).disks[0]?.mirror;

  it('reads the destination from <source> and <format> (libvirt 9 and later)', () => {
    const m = withMirror(`<mirror type='file' job='copy' ready='yes'><format type='raw'/><source file='/p/copy.raw'/></mirror>`);
    expect(m).toEqual({ job: 'copy', file: '/p/copy.raw', format: 'raw', ready: 'yes' });
  });

  it('reads the older attributes, a job that defaults to copy, and an active commit', () => {
    expect(withMirror(`<mirror file='/p/old.qcow2' format='qcow2'/>`)).toEqual({ job: 'copy', file: '/p/old.qcow2', format: 'qcow2' });
    expect(withMirror(`<mirror type='file' job='active-commit'><source file='/p/base.qcow2'/></mirror>`)).toEqual({ job: 'active-commit', file: '/p/base.qcow2' });
  });

  it('has no mirror when no job runs', () => {
    expect(withMirror('')).toBeUndefined();
  });
});
