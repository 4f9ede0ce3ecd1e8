// Compile-time checks that what libvirt-client produces is what the contract promises the web app.
import type { DomainState } from '@virtdeck/contract/domain-state';
import type { DomainStateName } from '@virtdeck/libvirt-client';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** libvirt-client's state names and the contract's DomainState are one union. */
export const domainStatesAgree: Same<DomainState, DomainStateName> = true;
