// The VM list sorts once and filters the sorted rows on each keystroke: that gives the same rows
// in the same order as filtering first and sorting after, for every order the list offers.
import { describe, expect, it } from 'vitest';
import { filterAndSort, filterRows, sortRows, type ListFilter, type SortKey } from '../../lib/vm-list';
import type { VmRow } from '../../lib/vm-types';

const states: VmRow['state'][] = ['running', 'paused', 'shutoff', 'crashed'];
const rows: VmRow[] = Array.from({ length: 60 }, (_, i) => {
  const hostId = i % 3 === 0 ? 'h2' : 'h1';
  const uuid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return { name: `vm-${(i * 37) % 60}`, uuid, id: null, state: states[i % 4]!, vcpus: (i % 5) + 1, memoryKiB: 1024 * ((i % 7) + 1), maxMemoryKiB: 8192, hostId, hostName: hostId, key: `${hostId}/${uuid}` };
});

describe('sort once, filter per keystroke', () => {
  const filters: ListFilter[] = [
    { search: '', state: 'all', host: 'all' },
    { search: '1', state: 'all', host: 'all' },
    { search: 'vm-2', state: 'running', host: 'all' },
    { search: '', state: 'paused', host: 'h2' },
  ];
  for (const key of ['name', 'host', 'state', 'vcpus', 'memory'] as SortKey[]) {
    for (const dir of ['asc', 'desc'] as const) {
      it(`by ${key} ${dir}`, () => {
        const sorted = sortRows(rows, { key, dir });
        for (const f of filters) expect(filterRows(sorted, f).map((r) => r.key)).toEqual(filterAndSort(rows, f, { key, dir }).map((r) => r.key));
      });
    }
  }
});
