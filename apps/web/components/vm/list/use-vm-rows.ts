'use client';
// Every VM of every connected host: one `domain.list` per host, kept live by the live bridge
// (it invalidates these queries on libvirt events; nothing polls).
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '~/lib/trpc';
import type { VmRow } from '~/lib/vm-types';

export interface HostProblem {
  hostId: string;
  hostName: string;
  message: string;
}

export function useVmRows() {
  const trpc = useTRPC();
  const hosts = useQuery(trpc.host.list.queryOptions());
  const connected = useMemo(() => (hosts.data ?? []).filter((h) => h.state?.status === 'connected'), [hosts.data]);
  const lists = useQueries({ queries: connected.map((h) => trpc.domain.list.queryOptions({ hostId: h.id })) });

  // Re-derive only when a host's data object changes (React Query keeps unchanged data identical).
  const dataKey = lists.map((l) => l.dataUpdatedAt).join(',');
  const rows = useMemo(() => {
    const out: VmRow[] = [];
    connected.forEach((h, i) => {
      for (const d of lists[i]?.data ?? []) out.push({ ...d, hostId: h.id, hostName: h.name, key: `${h.id}/${d.uuid}` });
    });
    return out;
  }, [connected, dataKey]); // dataKey stands for the lists' data

  const problems: HostProblem[] = [
    ...(hosts.data ?? [])
      .filter((h) => h.state?.status !== 'connected')
      .map((h) => ({ hostId: h.id, hostName: h.name, message: `not connected (${h.state?.status ?? 'connecting'})${h.state?.error ? `: ${h.state.error}` : ''}` })),
    ...connected.flatMap((h, i) => (lists[i]?.isError ? [{ hostId: h.id, hostName: h.name, message: lists[i]?.error?.message ?? 'error' }] : [])),
  ];

  return {
    hosts: hosts.data ?? [],
    rows,
    problems,
    isPending: hosts.isPending || lists.some((l) => l.isPending),
    error: hosts.error,
  };
}
