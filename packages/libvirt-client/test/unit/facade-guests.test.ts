// virDomainGetGuestInfo's typed parameters, parsed into groups (the field names of libvirt's docs).
import { describe, expect, it } from 'vitest';
import { parseGuestInfo } from '../../src/facade/guests.js';

describe('parseGuestInfo', () => {
  it('reads the OS, hostname, time zone, file systems and users', () => {
    const raw = {
      'os.id': 'debian',
      'os.pretty-name': 'Debian 12',
      'os.kernel-release': '6.1.0-cloud-amd64',
      'os.machine': 'x86_64',
      hostname: 'vm1',
      'timezone.name': 'CET',
      'timezone.offset': 3600,
      'fs.count': 2,
      'fs.0.mountpoint': '/',
      'fs.0.name': 'vda1',
      'fs.0.fstype': 'ext4',
      'fs.0.total-bytes': 1000,
      'fs.0.used-bytes': 400,
      'fs.0.disk.count': 1,
      'fs.0.disk.0.alias': 'virtio-disk0',
      'fs.1.mountpoint': '/proc',
      'fs.1.name': 'proc',
      'fs.1.fstype': 'proc',
      'user.count': 1,
      'user.0.name': 'root',
      'user.0.login-time': 1_700_000_000_000,
    };
    const info = parseGuestInfo(raw);
    expect(info.os).toEqual({ id: 'debian', prettyName: 'Debian 12', kernelRelease: '6.1.0-cloud-amd64', machine: 'x86_64' });
    expect(info.hostname).toBe('vm1');
    expect(info.timezone).toEqual({ name: 'CET', offsetSeconds: 3600 });
    expect(info.fileSystems).toEqual([
      { mountpoint: '/', name: 'vda1', fstype: 'ext4', totalBytes: 1000, usedBytes: 400, disks: ['virtio-disk0'] },
      { mountpoint: '/proc', name: 'proc', fstype: 'proc', disks: [] },
    ]);
    expect(info.users).toEqual([{ name: 'root', loginTime: 1_700_000_000_000 }]);
    expect(info.raw).toBe(raw);
  });

  it('leaves out the groups the agent did not report', () => {
    const info = parseGuestInfo({ hostname: 'h' });
    expect(info).toEqual({ hostname: 'h', raw: { hostname: 'h' } });
    expect(parseGuestInfo({ 'fs.count': 0 }).fileSystems).toEqual([]);
  });
});
