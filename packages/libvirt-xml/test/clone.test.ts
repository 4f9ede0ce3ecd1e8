import { describe, expect, it } from 'vitest';
import { BuildError, chainPaths, cloneDomainXml, parseDomainXml, randomMac } from '../src/index.js';
import { fixture } from './fixture.js';

const source = fixture('domain-running.xml');
// The parser wants a UUID, which libvirt gives a clone when defining it.
const withUuid = (xml: string) => xml.replace('</name>', '</name>\n  <uuid>00000000-0000-4000-8000-000000000001</uuid>');

describe('cloneDomainXml', () => {
  const counter = () => {
    let n = 0;
    return () => `52:54:00:00:00:${(++n).toString(16).padStart(2, '0')}`;
  };

  it('gives a new name, no UUID, new MACs, and the cloned disks their new volumes', () => {
    const before = parseDomainXml(source);
    const vda = before.disks.find((d) => d.targetDev === 'vda');
    expect(vda).toBeDefined();
    const xml = cloneDomainXml(source, { name: `copy <1> & 'b'`, disks: { vda: { path: '/pool/copy-vda.qcow2', format: 'qcow2' } }, newMac: counter() });
    const after = parseDomainXml(withUuid(xml));
    expect(after.name).toBe(`copy <1> & 'b'`);
    expect(xml).not.toMatch(/<uuid>/);
    expect(after.nics.map((n) => n.mac)).toEqual(['52:54:00:00:00:01', '52:54:00:00:00:02', '52:54:00:00:00:03', '52:54:00:00:00:04']);
    expect(after.nics.every((n) => n.targetDev === undefined)).toBe(true);
    expect(xml).not.toContain('portid');
    const disk = after.disks.find((d) => d.targetDev === 'vda');
    expect(disk && chainPaths(disk.chain)).toEqual(['/pool/copy-vda.qcow2']);
    expect(disk?.driver.type).toBe('qcow2');
    // A disk not listed (the CD-ROM) keeps its source.
    const others = (d: typeof after) => d.disks.filter((x) => x.targetDev !== 'vda').map((x) => chainPaths(x.chain));
    expect(others(after)).toEqual(others(before));
  });

  it('never gives two NICs one MAC', () => {
    const macs = ['52:54:00:00:00:01', '52:54:00:00:00:01', '52:54:00:00:00:02', '52:54:00:00:00:03', '52:54:00:00:00:04'];
    const xml = cloneDomainXml(source, { name: 'c', disks: {}, newMac: () => macs.shift() as string });
    expect(new Set(parseDomainXml(withUuid(xml)).nics.map((n) => n.mac)).size).toBe(4);
  });

  it('refuses a disk the domain lacks, a relative path and a bad name', () => {
    expect(() => cloneDomainXml(source, { name: 'c', disks: { vdz: { path: '/x', format: 'raw' } } })).toThrow(BuildError);
    expect(() => cloneDomainXml(source, { name: 'c', disks: { vda: { path: 'x', format: 'raw' } } })).toThrow(/vda\.path/);
    expect(() => cloneDomainXml(source, { name: 'a/b', disks: {} })).toThrow(/name/);
  });

  it('makes random unicast MACs in 52:54:00', () => {
    expect(randomMac()).toMatch(/^52:54:00(:[0-9a-f]{2}){3}$/);
  });
});
