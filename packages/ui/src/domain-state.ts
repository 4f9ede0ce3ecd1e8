// One colour per domain state, used the same way on every screen.
import type { DomainState } from '@virtdeck/contract/domain-state';

export type { DomainState };

export const domainStateLabel: Record<DomainState, string> = {
  nostate: 'Unknown',
  running: 'Running',
  blocked: 'Blocked',
  paused: 'Paused',
  shutdown: 'Shutting down',
  shutoff: 'Shut off',
  crashed: 'Crashed',
  pmsuspended: 'Suspended',
};

export const domainStateTone: Record<DomainState, 'green' | 'amber' | 'zinc' | 'red' | 'blue'> = {
  nostate: 'zinc',
  running: 'green',
  blocked: 'amber',
  paused: 'amber',
  shutdown: 'blue',
  shutoff: 'zinc',
  crashed: 'red',
  pmsuspended: 'blue',
};
