'use client';
// The VM list's addresses: one guest.hostAddresses query per host with running VMs (the BFF
// sweeps that host's running VMs and keeps the answer 10 s; see its host-addresses.ts), asked
// after the list is shown and again every 15 s. It never blocks the list: rows render at once and
// each address cell reads this context, so an answer re-renders only the cells.
import { useQueries } from '@tanstack/react-query';
import type { DomainAddresses } from '@virtdeck/contract/guest';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTRPC } from '~/lib/trpc';
import type { VmRow } from '~/lib/vm-types';

const REFRESH_MS = 15_000;

/** Per host: its running VMs' addresses by UUID, or undefined while the first answer is on its way. */
type HostAddresses = ReadonlyMap<string, Record<string, DomainAddresses> | undefined>;

const Ctx = createContext<HostAddresses>(new Map());

export function HostAddressesProvider({ rows, children }: { rows: readonly VmRow[]; children: ReactNode }) {
  const trpc = useTRPC();
  const running = [...new Set(rows.filter((r) => r.state === 'running').map((r) => r.hostId))].sort().join(' ');
  // Keyed by the hosts' ids, not the rows: a live event changing one row re-renders no address cell.
  const hostIds = useMemo(() => (running === '' ? [] : running.split(' ')), [running]);
  const results = useQueries({
    queries: hostIds.map((hostId) => trpc.guest.hostAddresses.queryOptions({ hostId }, { refetchInterval: REFRESH_MS, staleTime: REFRESH_MS })),
  });
  const dataKey = results.map((r) => r.dataUpdatedAt).join(',');
  const value = useMemo(() => new Map(hostIds.map((h, i) => [h, results[i]?.data])), [hostIds, dataKey]); // dataKey stands for the results' data
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** A VM's addresses: undefined while unknown, null when its host's sweep has no entry for it. */
export function useVmAddresses(hostId: string, uuid: string): DomainAddresses | null | undefined {
  const host = useContext(Ctx).get(hostId);
  return host === undefined ? undefined : (host[uuid] ?? null);
}
