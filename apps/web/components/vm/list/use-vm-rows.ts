'use client';
// Every VM of every host in one answer (`domain.listAll`, served from the BFF's live list cache
// and usually prefetched with the session: see prefetch-first-page.ts), kept live by the live
// bridge, which changes the rows events name in this cached answer. It is never stale by age:
// it is fetched again only after a resync.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { useTRPC } from '~/lib/trpc';
import type { DomainSummary, VmRow } from '~/lib/vm-types';

export interface HostProblem {
  hostId: string;
  hostName: string;
  message: string;
}

export function useVmRows() {
  const trpc = useTRPC();
  const all = useQuery(trpc.domain.listAll.queryOptions(undefined, { staleTime: Infinity }));
  // A domain's row object stays the same while its summary does, so memoised rows re-render
  // only when an event changed them.
  const made = useRef(new WeakMap<DomainSummary, VmRow>());

  const hosts = useMemo(() => (all.data ?? []).map((h) => ({ id: h.id, name: h.name, state: h.state })), [all.data]);
  const rows = useMemo(() => {
    const out: VmRow[] = [];
    for (const h of all.data ?? []) {
      for (const d of h.domains) {
        let row = made.current.get(d);
        if (!row || row.hostName !== h.name) {
          row = { ...d, hostId: h.id, hostName: h.name, key: `${h.id}/${d.uuid}` };
          made.current.set(d, row);
        }
        out.push(row);
      }
    }
    return out;
  }, [all.data]);

  const problems: HostProblem[] = (all.data ?? []).filter((h) => h.error !== null).map((h) => ({ hostId: h.id, hostName: h.name, message: h.error ?? '' }));

  return { hosts, rows, problems, isPending: all.isPending, error: all.error };
}
