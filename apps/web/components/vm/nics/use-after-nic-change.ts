'use client';
// After a NIC change: say what went where (live, waiting for the guest, at the next boot), and
// fetch the VM's details and XML again (other tabs hear of live changes from libvirt's events).
import { useQueryClient } from '@tanstack/react-query';
import type { NicChangeResult } from '@virtdeck/contract/nic';
import { toast } from 'sonner';
import { useTRPC } from '~/lib/trpc';

const LIVE: Record<NicChangeResult['live'], string> = {
  applied: 'live and in the definition',
  'waiting-for-guest': 'in the definition; the running VM waits for the guest',
  'next-boot': 'in the definition; the running VM takes it at the next start',
  'not-running': 'in the definition',
};

export function describeNicChange(what: string, r: NicChangeResult): { title: string; description: string | undefined; warn: boolean } {
  return { title: `${what}: ${r.definition || r.live === 'applied' ? LIVE[r.live] : 'the running VM only'}`, description: r.note ?? undefined, warn: r.live === 'waiting-for-guest' || r.live === 'next-boot' };
}

export function useAfterNicChange(hostId: string, uuid: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (what: string, result: NicChangeResult) => {
    const { title, description, warn } = describeNicChange(what, result);
    (warn ? toast.warning : toast.success)(title, description ? { description } : undefined);
    void queryClient.invalidateQueries({ queryKey: trpc.domain.get.queryKey({ hostId, uuid }) });
    void queryClient.invalidateQueries({ queryKey: trpc.domain.nics.list.queryKey({ hostId, uuid }) });
    void queryClient.invalidateQueries({ queryKey: trpc.domain.xml.queryKey() });
  };
}
