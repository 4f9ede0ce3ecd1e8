'use client';
// The VM list's rows in the chosen order, sorted afresh only when the order or the metrics change
// or many rows do: a live event that changes one row moves that row alone (resortRows), so the
// page commits it without a sort of 1,000 rows through the collator.
import { useMemo, useRef } from 'react';
import { resortRows, sortRows, type LatestByRow, type Sort } from '~/lib/vm-list';
import type { VmRow } from '~/lib/vm-types';

interface Sorted {
  rows: readonly VmRow[];
  sort: Sort;
  latest: LatestByRow;
  sorted: VmRow[];
}

export function useSortedRows(rows: readonly VmRow[], sort: Sort, latest: LatestByRow): VmRow[] {
  // The last rows and their sorted copy: a consistent pair whichever render stored it.
  const last = useRef<Sorted | null>(null);
  return useMemo(() => {
    const before = last.current;
    const sorted = before && before.sort === sort && before.latest === latest ? resortRows(before.rows, before.sorted, rows, sort, latest) : sortRows(rows, sort, latest);
    last.current = { rows, sort, latest, sorted };
    return sorted;
  }, [rows, sort, latest]);
}
