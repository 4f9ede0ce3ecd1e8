import { describe, expect, it } from 'vitest';
import { formatBytes, formatKiB, parseSize } from './format.ts';

describe('formatBytes', () => {
  it('uses binary units with at most one decimal, none for whole or large values', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1,023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(64 * 1024 ** 2)).toBe('64 MiB');
    expect(formatBytes(150.4 * 1024 ** 3)).toBe('150 GiB');
    expect(formatKiB(2 * 1024 * 1024)).toBe('2 GiB');
  });

  it('says "—" for what is not a size', () => {
    for (const v of [null, undefined, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(formatBytes(v)).toBe('—');
    expect(formatKiB(null)).toBe('—');
  });
});

describe('parseSize', () => {
  it('reads binary sizes as people type them', () => {
    expect(parseSize('20G')).toBe(20 * 1024 ** 3);
    expect(parseSize(' 512 MiB ')).toBe(512 * 1024 ** 2);
    expect(parseSize('1.5t')).toBe(1.5 * 1024 ** 4);
    expect(parseSize('4096')).toBe(4096);
  });

  it('refuses what is not a positive size', () => {
    for (const bad of ['', 'abc', '0', '-1G', '1X']) expect(parseSize(bad)).toBeNull();
  });
});
