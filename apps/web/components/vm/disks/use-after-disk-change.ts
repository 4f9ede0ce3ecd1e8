'use client';
// After a disk change: say what went where, then fetch the VM, its XML and the pools' volumes
// again (a volume may have been made, grown or deleted).
import { useQueryClient } from '@tanstack/react-query';
import type { DetachDiskResult, DiskChangeResult } from '@virtdeck/contract/disk';
import { toast } from 'sonner';
import { useTRPC } from '~/lib/trpc';
import { describeDiskChange } from './describe-disk-change';

export function useAfterDiskChange(hostId: string, uuid: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (what: string, result: DiskChangeResult | DetachDiskResult) => {
    const { title, description, warn } = describeDiskChange(what, result);
    (warn ? toast.warning : toast.success)(title, description ? { description } : undefined);
    void queryClient.invalidateQueries({ queryKey: trpc.domain.get.queryKey({ hostId, uuid }) });
    void queryClient.invalidateQueries({ queryKey: trpc.domain.xml.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.storage.pathKey() });
  };
}
