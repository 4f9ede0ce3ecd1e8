'use client';
// After an edit: say what went where (live, or at the next boot and why), and fetch the VM's
// details, settings and XML again (other tabs get theirs from libvirt's events).
import { useQueryClient } from '@tanstack/react-query';
import type { EditResult } from '@virtdeck/contract/domain-edit';
import { toast } from 'sonner';
import { useTRPC } from '~/lib/trpc';

const LABELS: Record<string, string> = {
  vcpus: 'vCPUs',
  maxVcpus: 'maximum vCPUs',
  memoryMiB: 'memory',
  maxMemoryMiB: 'maximum memory',
  boot: 'boot order and menu',
  title: 'title',
  description: 'description',
  definition: 'definition',
};
export const fieldLabel = (field: string) => LABELS[field] ?? field;

export function describeResult(result: EditResult): { title: string; description?: string } {
  if (result.changed.length === 0 && result.pending.length === 0) return { title: 'Nothing to change' };
  const live = result.changed.filter((c) => c.appliedTo === 'live-and-config').map((c) => fieldLabel(c.field));
  const pending = result.pending.map(fieldLabel);
  const parts = [live.length ? `Applied now: ${live.join(', ')}.` : '', pending.length ? `At the next boot: ${pending.join(', ')}.` : '', result.liveRefusal ? `libvirt refused the live change: ${result.liveRefusal}` : ''];
  const description = parts.filter(Boolean).join(' ');
  return { title: pending.length ? 'Saved; some changes wait for the next boot' : 'Saved', ...(description && { description }) };
}

export function useAfterEdit(hostId: string, uuid: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (result: EditResult) => {
    const { title, description } = describeResult(result);
    (result.pending.length ? toast.warning : toast.success)(title, description ? { description } : undefined);
    void queryClient.invalidateQueries({ queryKey: trpc.domain.get.queryKey({ hostId, uuid }) });
    void queryClient.invalidateQueries({ queryKey: trpc.domain.edit.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.domain.xml.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.domain.list.queryKey({ hostId }) });
  };
}
