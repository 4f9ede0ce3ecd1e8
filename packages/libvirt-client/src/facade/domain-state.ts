// Domain states as the UI names them, from virDomainState (generated from libvirt-domain.h).
import { VirDomainState } from '../gen/index.js';

export type DomainStateName = 'nostate' | 'running' | 'blocked' | 'paused' | 'shutdown' | 'shutoff' | 'crashed' | 'pmsuspended';

const names = new Map<number, DomainStateName>(
  Object.entries(VirDomainState).map(([key, value]) => [value as number, key.toLowerCase() as DomainStateName]),
);

export function domainStateName(state: number): DomainStateName {
  return names.get(state) ?? 'nostate';
}
