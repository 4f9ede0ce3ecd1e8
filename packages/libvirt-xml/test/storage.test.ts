import { describe, expect, it } from 'vitest';
import { parsePoolXml, parseVolumeXml } from '../src/index.js';
import { fixture } from './fixture.js';

describe('parseVolumeXml', () => {
  it('reads an overlay with its immediate backing store', () => {
    expect(parseVolumeXml(fixture('volume-overlay.xml'))).toEqual({
      name: 'web-01-overlay1.qcow2',
      key: '/var/lib/libvirt/images/web-01-overlay1.qcow2',
      type: 'file',
      capacityBytes: 21474836480,
      allocationBytes: 200704,
      physicalBytes: 196624,
      target: { path: '/var/lib/libvirt/images/web-01-overlay1.qcow2', format: 'qcow2', compat: '1.1' },
      backingStore: { path: '/var/lib/libvirt/images/debian-12-base.raw', format: 'raw' },
    });
  });

  it('reads a base volume, converting units (bytes by default)', () => {
    expect(parseVolumeXml(fixture('volume-base.xml'))).toMatchObject({
      capacityBytes: 20 * 2 ** 30,
      allocationBytes: 2 ** 30,
      backingStore: null,
    });
  });
});

describe('parsePoolXml', () => {
  it('reads a dir pool', () => {
    expect(parsePoolXml(fixture('pool-dir.xml'))).toEqual({
      name: 'default',
      uuid: 'b5a2c9d4-6f1e-4a8b-9c3d-2e1f0a9b8c7d',
      type: 'dir',
      capacityBytes: 105089261568,
      allocationBytes: 38469206016,
      availableBytes: 66620055552,
      targetPath: '/var/lib/libvirt/images',
      source: { hosts: [], devices: [] },
    });
  });

  it('reads a netfs pool source', () => {
    expect(parsePoolXml(fixture('pool-netfs.xml'))).toMatchObject({
      type: 'netfs',
      targetPath: '/mnt/nfs-images',
      source: { host: 'nfs.example.org', hosts: [{ name: 'nfs.example.org', port: 2049 }], dir: '/export/images', format: 'nfs', devices: [] },
    });
  });

  it('reads a logical pool with several devices and GiB sizes', () => {
    expect(parsePoolXml(fixture('pool-logical.xml'))).toMatchObject({
      type: 'logical',
      capacityBytes: 500 * 2 ** 30,
      availableBytes: 380 * 2 ** 30,
      source: { device: '/dev/sdb1', devices: ['/dev/sdb1', '/dev/sdc1'], name: 'vg-guests', format: 'lvm2' },
    });
  });
});
