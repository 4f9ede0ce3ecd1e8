import { describe, expect, it } from 'vitest';
import { parseDomainXml, type BackingChain, type Disk } from '../src/index.js';
import { fixture } from './fixture.js';

function disk(xmlName: string, target: string): Disk {
  const found = parseDomainXml(fixture(xmlName)).disks.find((d) => d.targetDev === target);
  if (!found) throw new Error(`no disk ${target}`);
  return found;
}

function paths(chain: BackingChain): string[] {
  return chain.layers.map((layer) => {
    const s = layer.source;
    return s.kind === 'file' || s.kind === 'dir' ? s.path : s.kind === 'block' ? s.dev : s.kind;
  });
}

describe('backing chains', () => {
  it('reads a 5-layer running chain (raw base + 4 qcow2 overlays) with libvirt 9 indexes (top = 1)', () => {
    const { chain } = disk('domain-running.xml', 'vda');
    expect(chain.status).toBe('complete');
    expect(chain.layers.map((l) => [l.index, l.format, l.readonly])).toEqual([
      [1, 'qcow2', false],
      [2, 'qcow2', true],
      [3, 'qcow2', true],
      [4, 'qcow2', true],
      [5, 'raw', true],
    ]);
    expect(paths(chain)).toEqual([
      '/var/lib/libvirt/images/web-01-overlay4.qcow2',
      '/var/lib/libvirt/images/web-01-overlay3.qcow2',
      '/var/lib/libvirt/images/web-01-overlay2.qcow2',
      '/var/lib/libvirt/images/web-01-overlay1.qcow2',
      '/var/lib/libvirt/images/debian-12-base.raw',
    ]);
  });

  it('marks the inactive variant (top source only, no end marker) as unprobed', () => {
    const { chain } = disk('domain-inactive.xml', 'vda');
    expect(chain).toEqual({
      status: 'unprobed',
      layers: [{ index: null, type: 'file', format: 'qcow2', source: { kind: 'file', path: '/var/lib/libvirt/images/web-01-overlay4.qcow2' }, readonly: false }],
    });
  });

  it('reads block, network (rbd, nbd over unix socket, iscsi, gluster), volume, dir, nvme, vhostuser, vhostvdpa sources', () => {
    const layer0 = (target: string) => disk('domain-sources.xml', target).chain.layers[0];
    expect(layer0('vda')).toMatchObject({ index: 1, type: 'block', format: 'raw', source: { kind: 'block', dev: '/dev/vg0/lv-data' } });
    expect(layer0('vdb')?.source).toEqual({
      kind: 'network',
      protocol: 'rbd',
      name: 'rbd-pool/image-01',
      hosts: [
        { name: 'mon1.example.org', port: 6789 },
        { name: 'mon2.example.org', port: 6789 },
        { name: 'mon3.example.org', port: 6789 },
      ],
    });
    expect(layer0('vdc')?.source).toEqual({ kind: 'network', protocol: 'nbd', name: 'export-1', tls: true, hosts: [{ transport: 'unix', socket: '/run/nbd/export.sock' }] });
    expect(layer0('sdc')?.source).toEqual({
      kind: 'network',
      protocol: 'iscsi',
      name: 'iqn.2013-07.com.example:iscsi-pool/1',
      hosts: [{ name: '192.0.2.10', port: 3260 }, { name: '192.0.2.11', port: 3260 }],
    });
    const gluster = disk('domain-sources.xml', 'vdd').chain;
    expect(gluster.status).toBe('complete');
    expect(gluster.layers[0]?.source).toEqual({
      kind: 'network',
      protocol: 'gluster',
      name: 'gv0/images/vm.qcow2',
      hosts: [
        { name: 'gluster1.example.org', port: 24007, transport: 'tcp' },
        { name: 'gluster2.example.org', transport: 'rdma' },
        { transport: 'unix', socket: '/var/run/glusterd.socket' },
      ],
    });
    expect(gluster.layers[1]).toMatchObject({ index: 6, type: 'network', format: 'raw', source: { kind: 'network', protocol: 'nbd', hosts: [{ name: 'nbd.example.org', port: 10809 }] } });
    const volume = disk('domain-sources.xml', 'vde').chain;
    expect(volume.layers.map((l) => l.source)).toEqual([
      { kind: 'volume', pool: 'default', volume: 'vol-overlay.qcow2' },
      { kind: 'file', path: '/var/lib/libvirt/images/vol-base.qcow2' },
    ]);
    expect(disk('domain-sources.xml', 'sdd').chain).toMatchObject({ status: 'unprobed', layers: [{ source: { kind: 'volume', pool: 'iscsi-pool', volume: 'unit:0:0:1', mode: 'host' } }] });
    expect(layer0('fda')).toMatchObject({ type: 'dir', format: 'fat', readonly: true, source: { kind: 'dir', path: '/srv/floppy-contents' } });
    expect(layer0('vdf')?.source).toEqual({ kind: 'nvme', type: 'pci', namespace: 1, managed: true, pciAddress: '0000:01:00.0' });
    expect(layer0('vdg')?.source).toEqual({ kind: 'vhostuser', type: 'unix', path: '/run/vhost-blk.sock' });
    expect(layer0('vdh')?.source).toEqual({ kind: 'vhostvdpa', dev: '/dev/vhost-vdpa-0' });
  });

  it('reads qcow2 data files (<dataStore>) on the top and backing layers', () => {
    const { chain } = disk('domain-sources.xml', 'vdi');
    expect(chain.status).toBe('complete');
    expect(chain.layers[0]?.dataStore).toEqual({ index: 12, type: 'file', format: 'raw', source: { kind: 'file', path: '/var/lib/libvirt/images/with-data-file.raw' } });
    expect(chain.layers[1]?.dataStore).toEqual({ index: null, type: 'block', format: 'raw', source: { kind: 'block', dev: '/dev/mapper/base-data' } });
  });

  it('reads encryption with secret uuid or usage', () => {
    const { chain } = disk('domain-sources.xml', 'vdj');
    expect(chain.layers[0]?.encryption).toEqual({ format: 'luks', engine: 'qemu', secretUuid: '0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f' });
    expect(chain.layers[1]?.encryption).toEqual({ format: 'luks', secretUsage: '/var/lib/libvirt/images/secret-base.qcow2' });
  });

  it('reports broken chains with the readable layers above the break', () => {
    expect(disk('domain-broken-chains.xml', 'vda').chain).toMatchObject({ status: 'broken', problem: 'backing layer 2 has no <source>' });
    expect(paths(disk('domain-broken-chains.xml', 'vda').chain)).toEqual(['/images/top.qcow2', '/images/mid.qcow2']);
    expect(disk('domain-broken-chains.xml', 'vdb').chain).toMatchObject({ status: 'broken', problem: 'backing layer 1 has no type', layers: [{ index: null }] });
    expect(disk('domain-broken-chains.xml', 'vdc').chain).toEqual({ status: 'broken', problem: "a 'disk' disk has no <source>", layers: [] });
    expect(disk('domain-broken-chains.xml', 'vdd').chain).toMatchObject({ status: 'broken', problem: "backing layer 1: <source> of a 'file' layer has no 'file' attribute" });
  });

  it('treats removable media without a medium as empty, not broken', () => {
    expect(disk('domain-broken-chains.xml', 'fda').chain).toEqual({ status: 'empty', layers: [] });
  });

  it('reads a 64-layer chain (and deeper) iteratively', () => {
    for (const depth of [64, 300]) {
      // Built from the base up; libvirt 9 numbers the top 1 and the base `depth`.
      let nested = '<backingStore/>';
      for (let i = depth; i > 1; i--) {
        const format = i === depth ? 'raw' : 'qcow2';
        nested = `<backingStore type='file' index='${i}'><format type='${format}'/><source file='/images/layer-${i}.img'/>${nested}</backingStore>`;
      }
      const xml = `<domain type='qemu'><name>deep</name><uuid>u</uuid><memory>1024</memory><os><type>hvm</type></os><devices>
        <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/images/layer-1.img' index='1'/>${nested}
        <target dev='vda' bus='virtio'/></disk></devices></domain>`;
      const chain = parseDomainXml(xml).disks[0]?.chain;
      expect(chain?.status).toBe('complete');
      expect(chain?.layers).toHaveLength(depth);
      expect(chain?.layers.map((l) => l.index)).toEqual(Array.from({ length: depth }, (_, i) => i + 1));
      expect(chain?.layers.at(-1)).toMatchObject({ format: 'raw', source: { path: `/images/layer-${depth}.img` } });
    }
  });
});
