'use client';
// After an edit: say what went where (live, or at the next boot and why), and fetch the VM's
// details, settings and XML again (other tabs get theirs from libvirt's events).
import { useQueryClient } from '@tanstack/react-query';
import type { EditResult } from '@virtdeck/contract/domain-edit';
import { toast } from 'sonner';
import { useTRPC } from '~/lib/trpc';
import { describeResult } from './describe-result';

export function useAfterEdit(hostId: string, uuid: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (result: EditResult) => {
    const { title, description } = describeResult(result);
    (result.pending.length ? toast.warning : toast.success)(title, description ? { description } : undefined);
    void queryClient.invalidateQueries({ queryKey: trpc.domain.get.queryKey({ hostId, uuid }) });
    void queryClient.invalidateQueries({ queryKey: trpc.domain.edit.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.domain.xml.queryKey() });
  };
}
