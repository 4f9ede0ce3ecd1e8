// The VM list sorts once and filters the sorted rows on each keystroke: that gives the same rows
// in the same order as filtering first and sorting after, for every order the list offers.
import { describe, expect, it } from 'vitest';
import { filterAndSort, filterRows, resortRows, sortRows, type ListFilter, type SortKey } from '../../lib/vm-list';
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

// A live event replaces one row: resortRows moves it into place instead of sorting every row, and
// must give what a sort of the new rows gives, whatever changed and for every order.
describe('a changed row moved into place', () => {
  const sorts = (['name', 'host', 'state', 'vcpus', 'memory'] as SortKey[]).flatMap((key) => (['asc', 'desc'] as const).map((dir) => ({ key, dir })));
  const changes: [string, (r: VmRow) => VmRow][] = [
    ['its state', (r) => ({ ...r, state: r.state === 'running' ? 'paused' : 'running' })],
    ['its vCPUs', (r) => ({ ...r, vcpus: r.vcpus + 3 })],
    ['its memory', (r) => ({ ...r, memoryKiB: 512 })],
    ['its name', (r) => ({ ...r, name: `a-${r.name}` })],
  ];
  for (const sort of sorts) {
    for (const [what, change] of changes) {
      it(`by ${sort.key} ${sort.dir}, ${what}`, () => {
        const before = sortRows(rows, sort);
        for (const at of [0, 17, 59]) {
          const next = rows.map((r, i) => (i === at ? change(r) : r));
          expect(resortRows(rows, before, next, sort).map((r) => r.key)).toEqual(sortRows(next, sort).map((r) => r.key));
        }
        const several = rows.map((r, i) => (i % 20 === 3 ? change(r) : r));
        expect(resortRows(rows, before, several, sort).map((r) => r.key)).toEqual(sortRows(several, sort).map((r) => r.key));
      });
    }
  }

  it('sorts afresh when a VM comes or goes, or on a tie a stable sort decides', () => {
    const sort = { key: 'state', dir: 'asc' } as const;
    const before = sortRows(rows, sort);
    const added = [...rows, { ...rows[5]!, uuid: 'new', key: 'h1/new', name: 'vm-new' }];
    expect(resortRows(rows, before, added, sort).map((r) => r.key)).toEqual(sortRows(added, sort).map((r) => r.key));
    const removed = rows.slice(1);
    expect(resortRows(rows, before, removed, sort).map((r) => r.key)).toEqual(sortRows(removed, sort).map((r) => r.key));
    // Two VMs of the same name on two hosts of the same name: only their order in the list tells them apart.
    const twins = rows.map((r, i) => (i === 1 ? { ...r, name: rows[4]!.name, hostName: rows[4]!.hostName } : r));
    const twinsSorted = sortRows(twins, sort);
    const next = twins.map((r, i) => (i === 1 ? { ...r, state: rows[4]!.state } : r));
    expect(resortRows(twins, twinsSorted, next, sort).map((r) => r.key)).toEqual(sortRows(next, sort).map((r) => r.key));
  });
});
