'use client';
// The Overview's "Guest" section: addresses by source and what the guest agent reports, asked
// again every 10 s while the VM runs (a guest's address and agent come and go with its OS, and
// libvirt sends no event for them); a stopped VM has neither.
import { useQuery } from '@tanstack/react-query';
import { Skeleton } from '@virtdeck/ui';
import { useCanOperate } from '~/lib/use-me';
import { errorMessage } from '~/lib/trpc-errors';
import { useTRPC } from '~/lib/trpc';
import { AddressList } from './address-list';
import { AgentActions } from './agent-actions';
import { AgentInfo } from './agent-info';

const REFRESH_MS = 10_000;

function Heading({ id, children }: { id: string; children: string }) {
  return (
    <h2 id={id} className="text-sm font-semibold tracking-wide text-zinc-500 uppercase">
      {children}
    </h2>
  );
}

export function GuestSection({ hostId, uuid, name, running }: { hostId: string; uuid: string; name: string; running: boolean }) {
  const trpc = useTRPC();
  const canOperate = useCanOperate();
  const opts = { enabled: running, refetchInterval: REFRESH_MS };
  const addresses = useQuery(trpc.guest.addresses.queryOptions({ hostId, uuid }, opts));
  const info = useQuery(trpc.guest.info.queryOptions({ hostId, uuid }, opts));

  if (!running) {
    return (
      <section aria-labelledby="guest-heading" className="space-y-2">
        <Heading id="guest-heading">Guest</Heading>
        <p className="text-sm text-zinc-500" data-testid="guest-not-running">
          — the VM is not running: no addresses and no guest agent.
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="guest-heading" className="space-y-4" data-testid="guest-section">
      <div className="space-y-2">
        <Heading id="guest-heading">Addresses</Heading>
        {addresses.data ? (
          <AddressList data={addresses.data} />
        ) : addresses.error ? (
          <p className="text-sm text-zinc-500">— {errorMessage(addresses.error)}</p>
        ) : (
          <Skeleton className="h-10" label="Loading addresses" />
        )}
      </div>
      <div className="space-y-2">
        <div className="flex items-center justify-between gap-3">
          <Heading id="agent-heading">Guest agent</Heading>
          {canOperate && info.data?.available ? <AgentActions hostId={hostId} uuid={uuid} name={name} /> : null}
        </div>
        {info.data?.available ? (
          <AgentInfo info={info.data.info} />
        ) : info.data ? (
          <p className="text-sm text-zinc-500" data-testid="agent-unavailable">
            — {info.data.reason}
          </p>
        ) : info.error ? (
          <p className="text-sm text-zinc-500">— {errorMessage(info.error)}</p>
        ) : (
          <Skeleton className="h-10" label="Asking the guest agent" />
        )}
      </div>
    </section>
  );
}
