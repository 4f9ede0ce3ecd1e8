'use client';
// The NIC's link: the cable pulled or plugged in, live, and kept in the definition.
import { useMutation } from '@tanstack/react-query';
import { Button } from '@virtdeck/ui';
import { toast } from 'sonner';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { useAfterNicChange } from './use-after-nic-change';

export function NicLinkButton({ hostId, uuid, mac, linkUp }: { hostId: string; uuid: string; mac: string; linkUp: boolean }) {
  const trpc = useTRPC();
  const after = useAfterNicChange(hostId, uuid);
  const setLink = useMutation(
    trpc.domain.nics.setLink.mutationOptions({
      onSuccess: (result) => after(`Link of ${mac} ${linkUp ? 'down' : 'up'}`, result),
      onError: (e) => toast.error(`The link of ${mac} was not changed`, { description: errorMessage(e) }),
    }),
  );
  return (
    <Button size="sm" variant="ghost" pending={setLink.isPending} aria-label={`${linkUp ? 'Set link down' : 'Set link up'}: ${mac}`} onClick={() => setLink.mutate({ hostId, uuid, mac, up: !linkUp })}>
      {linkUp ? 'Link down' : 'Link up'}
    </Button>
  );
}
