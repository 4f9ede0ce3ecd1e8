// Which lifecycle actions libvirt allows in which domain state, and why not otherwise.
import { domainStateLabel, type DomainState } from '@virtdeck/ui';

export type LifecycleAction = 'start' | 'shutdown' | 'reboot' | 'pause' | 'resume' | 'forceOff' | 'reset';

interface ActionSpec {
  label: string;
  /** States in which libvirt accepts the call. */
  allowed: readonly DomainState[];
  /** What the user is told when it is disabled. */
  why: string;
  destructive?: boolean;
  /** Shown in the confirmation: what will be lost. */
  loses?: string;
}

const ACTIVE: readonly DomainState[] = ['running', 'blocked', 'paused', 'shutdown', 'pmsuspended', 'crashed', 'nostate'];

export const LIFECYCLE: Record<LifecycleAction, ActionSpec> = {
  start: { label: 'Start', allowed: ['shutoff', 'crashed'], why: 'only a shut-off VM can be started' },
  shutdown: { label: 'Shut down', allowed: ['running', 'blocked'], why: 'only a running VM can be asked to shut down' },
  reboot: { label: 'Reboot', allowed: ['running', 'blocked'], why: 'only a running VM can be rebooted' },
  pause: { label: 'Pause', allowed: ['running', 'blocked'], why: 'only a running VM can be paused' },
  resume: { label: 'Resume', allowed: ['paused'], why: 'only a paused VM can be resumed' },
  forceOff: {
    label: 'Force off',
    allowed: ACTIVE,
    why: 'the VM is not running',
    destructive: true,
    loses: 'The guest is cut off like pulling the power plug: unsaved data in the guest and anything not yet written to its disks is lost.',
  },
  reset: {
    label: 'Reset',
    allowed: ['running', 'blocked', 'paused'],
    why: 'only a running or paused VM can be reset',
    destructive: true,
    loses: 'The guest restarts at once without shutting down: unsaved data in the guest is lost.',
  },
};

export const LIFECYCLE_ORDER: LifecycleAction[] = ['start', 'shutdown', 'reboot', 'pause', 'resume', 'forceOff', 'reset'];

export function canDo(action: LifecycleAction, state: DomainState): boolean {
  return LIFECYCLE[action].allowed.includes(state);
}

/** The button's title: what it does, or why it is disabled now. */
export function whyDisabled(action: LifecycleAction, state: DomainState): string | null {
  if (canDo(action, state)) return null;
  return `${LIFECYCLE[action].label} is unavailable: ${LIFECYCLE[action].why} (it is ${domainStateLabel[state].toLowerCase()})`;
}
