// Filtering and sorting of the VM list: pure, so the list can memoise them over 1,000 rows.
import type { LatestVmMetrics } from '@virtdeck/contract/metrics';
import type { DomainState } from '@virtdeck/ui';
import type { VmRow } from './vm-types';

/** cpuNow and memoryNow: the VM's newest metrics sample (row key → sample). */
export type SortKey = 'name' | 'host' | 'state' | 'vcpus' | 'memory' | 'cpuNow' | 'memoryNow';
export type LatestByRow = ReadonlyMap<string, LatestVmMetrics>;
export type SortDir = 'asc' | 'desc';
export interface Sort {
  key: SortKey;
  dir: SortDir;
}

/** The state filter's groups: paused covers pmsuspended, off covers crashed too. */
export type StateFilter = 'all' | 'running' | 'paused' | 'shutoff' | 'other';

export const STATE_FILTERS: { value: StateFilter; label: string }[] = [
  { value: 'all', label: 'All states' },
  { value: 'running', label: 'Running' },
  { value: 'paused', label: 'Paused' },
  { value: 'shutoff', label: 'Shut off' },
  { value: 'other', label: 'Other (crashed, unknown…)' },
];

function stateGroup(state: DomainState): StateFilter {
  if (state === 'running' || state === 'blocked') return 'running';
  if (state === 'paused' || state === 'pmsuspended') return 'paused';
  if (state === 'shutoff') return 'shutoff';
  return 'other';
}

/** Order of states when sorting by state: the live ones first. */
const STATE_RANK: Record<DomainState, number> = {
  running: 0,
  blocked: 1,
  paused: 2,
  pmsuspended: 3,
  shutdown: 4,
  crashed: 5,
  nostate: 6,
  shutoff: 7,
};

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

// A VM without a sample (off, or not collected yet) sorts below every measured one.
const now = (latest: LatestByRow | undefined, r: VmRow, field: 'cpuPercent' | 'memoryBytes'): number => latest?.get(r.key)?.[field] ?? -1;

function compare(a: VmRow, b: VmRow, key: SortKey, latest: LatestByRow | undefined): number {
  switch (key) {
    case 'name':
      return collator.compare(a.name, b.name);
    case 'host':
      return collator.compare(a.hostName, b.hostName);
    case 'state':
      return STATE_RANK[a.state] - STATE_RANK[b.state];
    case 'vcpus':
      return a.vcpus - b.vcpus;
    case 'memory':
      return a.memoryKiB - b.memoryKiB;
    case 'cpuNow':
      return now(latest, a, 'cpuPercent') - now(latest, b, 'cpuPercent');
    case 'memoryNow':
      return now(latest, a, 'memoryBytes') - now(latest, b, 'memoryBytes');
  }
}

export interface ListFilter {
  search: string;
  state: StateFilter;
  /** 'all' or a host id. */
  host: string;
}

/** The rows the filter keeps, in the order they came (filtering a sorted list keeps it sorted). */
export function filterRows(rows: readonly VmRow[], filter: ListFilter): VmRow[] {
  const needle = filter.search.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (needle === '' || r.name.toLowerCase().includes(needle)) &&
      (filter.state === 'all' || stateGroup(r.state) === filter.state) &&
      (filter.host === 'all' || r.hostId === filter.host),
  );
}

/** The list's order: the sort key, then (ties) the name, then the host, so it is stable as states change. */
function comparator(sort: Sort, latest: LatestByRow | undefined): (a: VmRow, b: VmRow) => number {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return (a, b) => sign * compare(a, b, sort.key, latest) || collator.compare(a.name, b.name) || collator.compare(a.hostName, b.hostName);
}

/** A sorted copy. The list sorts once per change of rows or order, so a keystroke only filters. */
export function sortRows(rows: readonly VmRow[], sort: Sort, latest?: LatestByRow): VmRow[] {
  return [...rows].sort(comparator(sort, latest));
}

/** Past this many changed rows a plain sort is as quick as moving each into place. */
const MOVED_AT_MOST = 8;

/**
 * `sortRows(next, sort, latest)`, given the rows before (`prev`) and their sorted copy (same sort
 * and metrics). A live event replaces one row of the list (the BFF's list is in no particular
 * order): that row is moved to its place in the sorted copy by a binary search, a few collator
 * calls instead of a sort of every row. Anything else (a VM added or removed, many changes, a tie
 * whose order only a stable sort of `next` decides) sorts afresh.
 */
export function resortRows(prev: readonly VmRow[], prevSorted: readonly VmRow[], next: readonly VmRow[], sort: Sort, latest?: LatestByRow): VmRow[] {
  if (prev.length !== next.length || prevSorted.length !== prev.length) return sortRows(next, sort, latest);
  const changed: number[] = [];
  for (let i = 0; i < next.length; i++) {
    if (prev[i] === next[i]) continue;
    if (prev[i]!.key !== next[i]!.key || changed.length === MOVED_AT_MOST) return sortRows(next, sort, latest);
    changed.push(i);
  }
  const cmp = comparator(sort, latest);
  const out = [...prevSorted];
  for (const i of changed) {
    const at = out.indexOf(prev[i]!);
    if (at < 0) return sortRows(next, sort, latest);
    out.splice(at, 1);
    const row = next[i]!;
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(out[mid]!, row) < 0) lo = mid + 1;
      else hi = mid;
    }
    if ((lo > 0 && cmp(out[lo - 1]!, row) === 0) || (lo < out.length && cmp(out[lo]!, row) === 0)) return sortRows(next, sort, latest);
    out.splice(lo, 0, row);
  }
  return out;
}

export function filterAndSort(rows: readonly VmRow[], filter: ListFilter, sort: Sort, latest?: LatestByRow): VmRow[] {
  return sortRows(filterRows(rows, filter), sort, latest);
}
