/**
 * Corrupted inputs (truncated, chunks cut out, tags swapped) must give a model or an XmlError:
 * never a TypeError, never a hang.
 */
import { describe, expect, it } from 'vitest';
import { XmlError, chainPaths, parseDomainXml, parseNetworkXml, parsePoolXml, parseSnapshotXml, parseVolumeXml } from '../src/index.js';
import { fixture } from './fixture.js';

const CASES: [string, (xml: string) => unknown][] = [
  ['domain-running.xml', parseDomainXml],
  ['domain-sources.xml', parseDomainXml],
  ['domain-broken-chains.xml', parseDomainXml],
  ['volume-overlay.xml', parseVolumeXml],
  ['pool-netfs.xml', parsePoolXml],
  ['network-default.xml', parseNetworkXml],
  ['snapshot-disk-only.xml', parseSnapshotXml],
];

/** Small deterministic PRNG (mulberry32) so failures reproduce. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(xml: string, next: () => number): string {
  const at = Math.floor(next() * xml.length);
  const length = 1 + Math.floor(next() * 40);
  switch (Math.floor(next() * 4)) {
    case 0:
      return xml.slice(0, at);
    case 1:
      return xml.slice(0, at) + xml.slice(at + length);
    case 2:
      return xml.slice(0, at) + xml.slice(at, at + length).replace(/[a-z]/g, 'x') + xml.slice(at + length);
    default:
      return xml.slice(0, at) + '<' + xml.slice(at);
  }
}

describe('corrupted input', () => {
  it.each(CASES)('%s: every mutation parses or throws XmlError', (name, parse) => {
    const original = fixture(name);
    const next = random(name.length * 7919);
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const xml = mutate(original, next);
      try {
        const model = parse(xml);
        expect(() => JSON.stringify(model)).not.toThrow();
      } catch (error) {
        if (!(error instanceof XmlError)) throw new Error(`mutation ${i} threw ${String(error)}\n${xml}`, { cause: error });
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});

describe('chainPaths', () => {
  it('lists file and block paths top first, skipping network and volume layers', () => {
    const disks = parseDomainXml(fixture('domain-sources.xml')).disks;
    expect(chainPaths(disks.find((d) => d.targetDev === 'vde')!.chain)).toEqual(['/var/lib/libvirt/images/vol-base.qcow2']);
    expect(chainPaths(disks.find((d) => d.targetDev === 'vda')!.chain)).toEqual(['/dev/vg0/lv-data']);
    expect(chainPaths(parseDomainXml(fixture('domain-running.xml')).disks[0]!.chain)).toHaveLength(5);
  });
});
