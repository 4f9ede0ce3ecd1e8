// Every registered libvirt host and its long-lived connection. The registry lives in the
// database; this keeps one HostConnection per host and tells listeners about state changes.
import type { Libvirt } from '@virtdeck/libvirt-client';
import { HostConnection, type HostConnectionOptions, type HostState, type HostTarget } from './host-connection.js';

export class UnknownHostError extends Error {
  override readonly name = 'UnknownHostError';
  constructor(readonly hostId: string) {
    super(`no host with id ${hostId}`);
  }
}

type StateListener = (state: HostState) => void;
/** Runs at every (re)connect of every host; returns the cleanup for when that connection ends. */
export type HostConnectHook = (hostId: string, lv: Libvirt) => (() => void) | void;

export class HostManager {
  private readonly hosts = new Map<string, HostConnection>();
  private readonly listeners = new Set<StateListener>();
  private readonly connectHooks: HostConnectHook[] = [];

  constructor(private readonly opts: Omit<HostConnectionOptions, 'onState'> = {}) {}

  add(target: HostTarget): HostConnection {
    const existing = this.hosts.get(target.id);
    if (existing) return existing;
    const conn = new HostConnection(target, { ...this.opts, onState: (s) => this.emit(s) });
    this.hosts.set(target.id, conn);
    for (const hook of this.connectHooks) conn.onConnected((lv) => hook(target.id, lv));
    conn.start();
    return conn;
  }

  async remove(hostId: string): Promise<void> {
    const conn = this.hosts.get(hostId);
    this.hosts.delete(hostId);
    await conn?.close();
  }

  connection(hostId: string): HostConnection {
    const conn = this.hosts.get(hostId);
    if (!conn) throw new UnknownHostError(hostId);
    return conn;
  }

  /** The connected client of a host, or HostUnavailableError / UnknownHostError. */
  client(hostId: string): Promise<Libvirt> {
    return this.connection(hostId).client();
  }

  targets(): HostTarget[] {
    return [...this.hosts.values()].map((c) => c.target);
  }

  states(): HostState[] {
    return [...this.hosts.values()].map((c) => c.state);
  }

  /** Runs `hook` at every (re)connect of every host, present and future. */
  onEveryConnect(hook: HostConnectHook): void {
    this.connectHooks.push(hook);
    for (const [id, conn] of this.hosts) conn.onConnected((lv) => hook(id, lv));
  }

  /** Calls `listener` on every state change of any host; returns the unsubscribe function. */
  onState(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async closeAll(): Promise<void> {
    const all = [...this.hosts.values()];
    this.hosts.clear();
    await Promise.allSettled(all.map((c) => c.close()));
  }

  private emit(state: HostState): void {
    for (const l of this.listeners) l(state);
  }
}
