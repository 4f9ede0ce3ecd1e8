// The VM list's filter and sort: pure functions over rows, as the 1,000-VM list runs them.
import { describe, expect, it } from 'vitest';
import { filterAndSort, type ListFilter, type Sort } from '../../lib/vm-list';
import type { VmRow } from '../../lib/vm-types';

function row(name: string, state: VmRow['state'], extra: Partial<VmRow> = {}): VmRow {
  const hostId = extra.hostId ?? 'h1';
  const uuid = `00000000-0000-4000-8000-${name.padStart(12, '0').slice(-12)}`;
  return { name, uuid, id: null, state, vcpus: 1, memoryKiB: 1024, maxMemoryKiB: 1024, hostId, hostName: hostId === 'h1' ? 'alpha' : 'beta', key: `${hostId}/${uuid}`, ...extra };
}

const all: ListFilter = { search: '', state: 'all', host: 'all' };
const byName: Sort = { key: 'name', dir: 'asc' };
const names = (rows: VmRow[]) => rows.map((r) => r.name);

describe('filterAndSort', () => {
  const rows = [
    row('web-10', 'running'),
    row('web-2', 'paused'),
    row('db', 'shutoff', { hostId: 'h2', vcpus: 4, memoryKiB: 4096 }),
    row('cache', 'crashed'),
    row('batch', 'pmsuspended', { vcpus: 2 }),
    row('edge', 'blocked'),
  ];

  it('sorts names the way people count (web-2 before web-10)', () => {
    expect(names(filterAndSort(rows, all, byName))).toEqual(['batch', 'cache', 'db', 'edge', 'web-2', 'web-10']);
    expect(names(filterAndSort(rows, all, { key: 'name', dir: 'desc' }))).toEqual(['web-10', 'web-2', 'edge', 'db', 'cache', 'batch']);
  });

  it('groups states: running covers blocked, paused covers suspended, other covers crashed', () => {
    const by = (state: ListFilter['state']) => names(filterAndSort(rows, { ...all, state }, byName));
    expect(by('running')).toEqual(['edge', 'web-10']);
    expect(by('paused')).toEqual(['batch', 'web-2']);
    expect(by('shutoff')).toEqual(['db']);
    expect(by('other')).toEqual(['cache']);
  });

  it('searches names case-insensitively, trimmed, and filters by host', () => {
    expect(names(filterAndSort(rows, { ...all, search: '  WEB ' }, byName))).toEqual(['web-2', 'web-10']);
    expect(names(filterAndSort(rows, { ...all, host: 'h2' }, byName))).toEqual(['db']);
  });

  it('sorts by state with live ones first, ties broken by name so the order is stable', () => {
    expect(names(filterAndSort(rows, all, { key: 'state', dir: 'asc' }))).toEqual(['web-10', 'edge', 'web-2', 'batch', 'cache', 'db']);
    expect(names(filterAndSort(rows, all, { key: 'vcpus', dir: 'desc' }))).toEqual(['db', 'batch', 'cache', 'edge', 'web-2', 'web-10']);
  });

  it('sorts by the newest metrics sample’s CPU and memory, VMs without one last', () => {
    const sample = (cpuPercent: number, memoryBytes: number) => ({ at: 0, cpuPercent, memoryBytes });
    const latest = new Map([
      [rows[0]!.key, sample(5, 300)],
      [rows[1]!.key, sample(80, 100)],
      [rows[5]!.key, sample(20, 200)],
    ]);
    expect(names(filterAndSort(rows, all, { key: 'cpuNow', dir: 'desc' }, latest)).slice(0, 3)).toEqual(['web-2', 'edge', 'web-10']);
    expect(names(filterAndSort(rows, all, { key: 'memoryNow', dir: 'desc' }, latest)).slice(0, 3)).toEqual(['web-10', 'edge', 'web-2']);
    // Without samples every VM ties, and the name decides.
    expect(names(filterAndSort(rows, all, { key: 'cpuNow', dir: 'desc' }))).toEqual(names(filterAndSort(rows, all, byName)));
  });

  it('leaves its input alone', () => {
    const before = names(rows);
    filterAndSort(rows, all, { key: 'memory', dir: 'desc' });
    expect(names(rows)).toEqual(before);
  });
});
