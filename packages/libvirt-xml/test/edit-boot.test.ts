import { describe, expect, it } from 'vitest';
import { BuildError, parseDomainXml, readBootConfig, readDomainIdentity, setDomainBoot } from '../src/index.js';
import { fixture } from './fixture.js';

const legacy = fixture('domain-boot-legacy.xml');

describe('readBootConfig', () => {
  it('maps the older <os><boot dev> list to the first device of each kind', () => {
    expect(readBootConfig(legacy)).toEqual({
      order: [
        { kind: 'disk', target: 'sda' },
        { kind: 'disk', target: 'vda' },
      ],
      source: 'os',
      menu: { enabled: false, timeoutMs: null },
    });
  });

  it('reads per-device boot orders, sorted, and the menu', () => {
    const xml = setDomainBoot(legacy, [{ kind: 'nic', mac: '52:54:00:aa:bb:cc' }, { kind: 'disk', target: 'vda' }], { enabled: true, timeoutMs: 3000 });
    expect(readBootConfig(xml)).toEqual({
      order: [
        { kind: 'nic', mac: '52:54:00:aa:bb:cc' },
        { kind: 'disk', target: 'vda' },
      ],
      source: 'devices',
      menu: { enabled: true, timeoutMs: 3000 },
    });
  });
});

describe('setDomainBoot', () => {
  it('writes per-device orders, drops the <os><boot dev> list and devices left out', () => {
    const xml = setDomainBoot(legacy, [{ kind: 'disk', target: 'vda' }], { enabled: false, timeoutMs: 5000 });
    expect(xml).not.toMatch(/<boot dev=/);
    expect(xml).not.toMatch(/bootmenu/);
    expect(xml.match(/<boot order='1'\/>/g)).toHaveLength(1);
    const disk = parseDomainXml(xml).disks.find((d) => d.targetDev === 'vda');
    expect(disk?.bootOrder).toBe(1);
    expect(parseDomainXml(xml).disks.find((d) => d.targetDev === 'sda')?.bootOrder).toBeUndefined();
  });

  it('keeps everything else: text exactly, escapes, metadata, MAC, other elements', () => {
    const before = parseDomainXml(legacy);
    const after = parseDomainXml(setDomainBoot(legacy, [{ kind: 'disk', target: 'sda' }], { enabled: true, timeoutMs: null }));
    expect(after.title).toBe('Web & cache');
    expect(after.description).toBe(before.description);
    expect(after.metadata).toEqual(before.metadata);
    expect(after.nics).toEqual(before.nics);
    expect(after.disks.map((d) => ({ ...d, bootOrder: undefined }))).toEqual(before.disks.map((d) => ({ ...d, bootOrder: undefined })));
    expect(after.memoryKiB).toBe(before.memoryKiB);
  });

  it('refuses a device the VM does not have, naming the field', () => {
    let error: unknown;
    try {
      setDomainBoot(legacy, [{ kind: 'disk', target: 'vdz' }], { enabled: false, timeoutMs: null });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).field).toBe('order');
    expect((error as BuildError).message).toMatch(/no disk vdz/);
  });
});

describe('readDomainIdentity', () => {
  it('reads the name and the UUID in lower case', () => {
    expect(readDomainIdentity(legacy)).toEqual({ name: 'boot-legacy', uuid: '0b6a1e2c-3d4f-4a5b-8c6d-7e8f9a0b1c2d' });
    expect(readDomainIdentity("<domain type='qemu'><name>x</name></domain>")).toEqual({ name: 'x', uuid: null });
  });
});
