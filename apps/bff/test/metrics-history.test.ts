// Stored samples as the API answers them: columns (one timestamp array, one array per line), a
// disk or NIC missing from a sample given null there, parts in a stable order.
import { vmMetricNames } from '@virtdeck/contract/metrics';
import { describe, expect, it } from 'vitest';
import { toHistory } from '../src/metrics/history.js';

describe('toHistory', () => {
  it('turns samples into columns, with null where a part or value was missing', () => {
    const h = toHistory('1h', 10_000, vmMetricNames, [
      { at: 10_000, sample: { values: [5, 100, 1, 2, 3, 4], parts: [{ kind: 'disk', name: 'vdb', values: [1, 2] }] } },
      { at: 20_000, sample: { values: [7, null], parts: [{ kind: 'nic', name: 'vnet0', values: [3, 4] }, { kind: 'disk', name: 'vdb', values: [5, 6] }, { kind: 'disk', name: 'vda', values: [7, 8] }] } },
    ]);
    expect(h.at).toEqual([10_000, 20_000]);
    expect(h.stepMs).toBe(10_000);
    expect(h.totals.cpuPercent).toEqual([5, 7]);
    expect(h.totals.memoryBytes).toEqual([100, null]);
    expect(h.totals.netTxBps).toEqual([4, null]);
    expect(h.parts).toEqual([
      { kind: 'disk', name: 'vda', lines: { read: [null, 7], write: [null, 8] } },
      { kind: 'disk', name: 'vdb', lines: { read: [1, 5], write: [2, 6] } },
      { kind: 'nic', name: 'vnet0', lines: { rx: [null, 3], tx: [null, 4] } },
    ]);
  });

  it('answers empty columns for no samples', () => {
    expect(toHistory('30d', 900_000, vmMetricNames, [])).toMatchObject({ at: [], parts: [], totals: { cpuPercent: [] } });
  });
});
