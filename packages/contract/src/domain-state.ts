// A domain's state, by the names libvirt's virDomainState gives them (lower-cased). libvirt-client
// produces exactly these (its DomainStateName); the UI colours and labels them.
export const DOMAIN_STATES = ['nostate', 'running', 'blocked', 'paused', 'shutdown', 'shutoff', 'crashed', 'pmsuspended'] as const;
export type DomainState = (typeof DOMAIN_STATES)[number];
