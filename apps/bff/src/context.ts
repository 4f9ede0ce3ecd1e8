// What every procedure sees: the pool of long-lived libvirt connections (never one per request).
import type { HostConnections } from './libvirt/host-connections.js';

export interface Context {
  hosts: HostConnections;
}
