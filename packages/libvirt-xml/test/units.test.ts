import { describe, expect, it } from 'vitest';
import { unitMultiplier } from '../src/index.js';
import { toKiB } from '../src/parse/units.js';

describe('units', () => {
  it.each([
    ['b', 1], ['bytes', 1], ['byte', 1], ['KB', 1000], ['k', 1024], ['KiB', 1024], ['K', 1024],
    ['MB', 1e6], ['M', 2 ** 20], ['MiB', 2 ** 20], ['GB', 1e9], ['G', 2 ** 30], ['GiB', 2 ** 30],
    ['TB', 1e12], ['T', 2 ** 40], ['TiB', 2 ** 40], ['PiB', 2 ** 50], ['EiB', 2 ** 60],
  ])('%s = %d bytes', (unit, bytes) => {
    expect(unitMultiplier(unit)).toBe(bytes);
  });

  it('rejects unknown units', () => {
    expect(unitMultiplier('Q')).toBeUndefined();
    expect(unitMultiplier('KiBi')).toBeUndefined();
  });

  it('converts memory to KiB, defaulting to KiB and rounding up like libvirt', () => {
    expect(toKiB('4194304', undefined, 'm')).toBe(4194304);
    expect(toKiB('2', 'GiB', 'm')).toBe(2097152);
    expect(toKiB('1000', 'b', 'm')).toBe(1);
    expect(toKiB('1', 'MB', 'm')).toBe(977);
  });
});
