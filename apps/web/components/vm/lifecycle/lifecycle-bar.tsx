'use client';
// The VM page's lifecycle buttons, for those who may operate (viewers see none).
import type { DomainState } from '@virtdeck/ui';
import { LIFECYCLE_ORDER } from '~/lib/vm-lifecycle';
import { LifecycleButton } from './lifecycle-button';

export function LifecycleBar({ hostId, uuid, name, state }: { hostId: string; uuid: string; name: string; state: DomainState }) {
  return (
    <div role="toolbar" aria-label="Lifecycle" className="flex flex-wrap gap-1.5">
      {LIFECYCLE_ORDER.filter((a) => !(a === 'resume' && state !== 'paused') && !(a === 'pause' && state === 'paused')).map((action) => (
        <LifecycleButton key={action} action={action} hostId={hostId} uuid={uuid} name={name} state={state} />
      ))}
    </div>
  );
}
