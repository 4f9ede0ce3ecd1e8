'use client';
// One lifecycle action for one VM: enabled only where libvirt allows it (the title says why not),
// pending while it runs, behind a confirmation when it loses data.
import { Button, type DomainState } from '@virtdeck/ui';
import { Pause, Play, Power, PowerOff, RotateCcw, RefreshCw, Square } from 'lucide-react';
import { useState } from 'react';
import { LIFECYCLE, canDo, whyDisabled, type LifecycleAction } from '~/lib/vm-lifecycle';
import { ConfirmDialog } from '@virtdeck/ui/confirm-dialog';
import { useLifecycle } from './use-lifecycle';

const ICONS: Record<LifecycleAction, typeof Play> = {
  start: Play,
  shutdown: Power,
  reboot: RefreshCw,
  pause: Pause,
  resume: Play,
  forceOff: PowerOff,
  reset: RotateCcw,
};

export function LifecycleButton({ action, hostId, uuid, name, state }: { action: LifecycleAction; hostId: string; uuid: string; name: string; state: DomainState }) {
  const spec = LIFECYCLE[action];
  const mutation = useLifecycle(action, hostId);
  const [confirming, setConfirming] = useState(false);
  const disabledWhy = whyDisabled(action, state);
  const Icon = ICONS[action] ?? Square;
  const run = () =>
    mutation.mutate(
      { hostId, uuid },
      { onSettled: () => setConfirming(false) },
    );
  return (
    <>
      <Button
        size="sm"
        variant={spec.destructive ? 'danger-outline' : 'secondary'}
        disabled={!canDo(action, state)}
        pending={mutation.isPending}
        title={disabledWhy ?? `${spec.label} ${name}`}
        onClick={() => (spec.destructive ? setConfirming(true) : run())}
      >
        {mutation.isPending ? null : <Icon aria-hidden className="size-3.5" />}
        {spec.label}
      </Button>
      {spec.destructive ? (
        <ConfirmDialog
          open={confirming}
          onOpenChange={setConfirming}
          title={`${spec.label} ${name}?`}
          confirmLabel={spec.label}
          pending={mutation.isPending}
          onConfirm={run}
        >
          <p>{spec.loses}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
