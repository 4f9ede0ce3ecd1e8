// One libvirt host's long-lived connection: it connects, reconnects with exponential backoff when
// the connection drops or fails, and runs its `onConnected` hooks again after every reconnect
// (so event callbacks are registered again). Its state is part of the API.
import type { Libvirt } from '@virtdeck/libvirt-client';
import { connectHost } from './connect.js';
import { connectErrorSummary } from './connect-errors.js';
import { checkHostUri, type UriPolicy } from './uri-policy.js';

export type HostStatus = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

export interface HostState {
  hostId: string;
  status: HostStatus;
  /** When the status last changed (epoch ms). */
  since: number;
  /** Why the last attempt failed or the connection dropped, summarised (never a daemon's quote). */
  error: string | null;
  /** Failed attempts since the last successful connection. */
  attempt: number;
  /** When the next attempt starts, while status is 'failed'. */
  nextRetryAt: number | null;
}

export interface HostTarget {
  id: string;
  name: string;
  uri: string;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export interface HostConnectionOptions {
  backoff?: BackoffOptions;
  /** How long `client()` waits for an attempt under way before giving up. */
  waitMs?: number;
  connect?: (uri: string) => Promise<Libvirt>;
  /** Checked before every attempt: a URI registered before the policy was tightened fails here. */
  uriPolicy?: UriPolicy;
  onState?: (state: HostState) => void;
}

/** The host is not connected; the message says why, and the state says when it retries. */
export class HostUnavailableError extends Error {
  override readonly name = 'HostUnavailableError';
  constructor(readonly state: HostState) {
    super(`host ${state.hostId} is ${state.status}${state.error ? `: ${state.error}` : ''}`);
  }
}

type ConnectedHook = (lv: Libvirt) => (() => void) | void;

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000 };
const defaultConnect = connectHost;

export class HostConnection {
  private lv: Libvirt | null = null;
  private attemptPromise: Promise<Libvirt> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly hooks = new Set<ConnectedHook>();
  private cleanups: (() => void)[] = [];
  private current: HostState;
  private readonly backoff: BackoffOptions;
  private readonly connectFn: (uri: string) => Promise<Libvirt>;

  constructor(
    readonly target: HostTarget,
    private readonly opts: HostConnectionOptions = {},
  ) {
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    const connect = opts.connect ?? defaultConnect;
    const policy = opts.uriPolicy;
    this.connectFn = policy
      ? async (uri) => {
          checkHostUri(uri, policy);
          return connect(uri);
        }
      : connect;
    this.current = { hostId: target.id, status: 'connecting', since: Date.now(), error: null, attempt: 0, nextRetryAt: null };
  }

  get state(): HostState {
    return this.current;
  }

  /** Starts the first attempt; later ones are scheduled by the connection itself. */
  start(): void {
    void this.attempt().catch(() => {});
  }

  /** The connected client; waits for an attempt under way, fails fast while backing off. */
  async client(): Promise<Libvirt> {
    if (this.lv) return this.lv;
    if (this.current.status === 'closed' || this.current.status === 'failed' || !this.attemptPromise) {
      throw new HostUnavailableError(this.current);
    }
    const waitMs = this.opts.waitMs ?? 15_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HostUnavailableError(this.current)), waitMs);
    });
    try {
      return await Promise.race([this.attemptPromise, timeout]);
    } catch {
      throw new HostUnavailableError(this.current);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Runs `hook` now if connected and after every (re)connect. The cleanup it returns runs when
   * that connection ends. Returns a function that removes the hook.
   */
  onConnected(hook: ConnectedHook): () => void {
    this.hooks.add(hook);
    if (this.lv) this.runHook(hook, this.lv);
    return () => this.hooks.delete(hook);
  }

  async close(): Promise<void> {
    this.setState({ status: 'closed', error: null, nextRetryAt: null });
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const lv = this.lv;
    this.dropConnection();
    await lv?.close().catch(() => {});
  }

  private attempt(): Promise<Libvirt> {
    if (this.attemptPromise) return this.attemptPromise;
    if (this.current.status !== 'connecting') this.setState({ status: 'reconnecting', nextRetryAt: null });
    const p = this.connectFn(this.target.uri).then(
      (lv) => {
        this.attemptPromise = null;
        if (this.current.status === 'closed') {
          void lv.close().catch(() => {});
          throw new HostUnavailableError(this.current);
        }
        this.lv = lv;
        this.setState({ status: 'connected', error: null, attempt: 0, nextRetryAt: null });
        for (const hook of this.hooks) this.runHook(hook, lv);
        void lv.closed.then((why) => this.onDropped(lv, why));
        return lv;
      },
      (err: unknown) => {
        this.attemptPromise = null;
        if (this.current.status !== 'closed') this.scheduleRetry(errorText(err));
        throw err;
      },
    );
    this.attemptPromise = p;
    return p;
  }

  private onDropped(lv: Libvirt, why: unknown): void {
    if (this.lv !== lv || this.current.status === 'closed') return;
    this.dropConnection();
    this.setState({ status: 'reconnecting', error: closeReason(why), attempt: 0 });
    this.start();
  }

  private scheduleRetry(error: string): void {
    const attempt = this.current.attempt + 1;
    const delay = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** (attempt - 1));
    // Jitter, so many BFF replicas do not hammer a daemon that just came back in lockstep.
    const wait = Math.round(delay * (0.75 + Math.random() * 0.5));
    this.setState({ status: 'failed', error, attempt, nextRetryAt: Date.now() + wait });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.start();
    }, wait);
    this.retryTimer.unref();
  }

  private runHook(hook: ConnectedHook, lv: Libvirt): void {
    try {
      const cleanup = hook(lv);
      if (cleanup) this.cleanups.push(cleanup);
    } catch (err) {
      console.error(`[bff] host ${this.target.name}: a connect hook failed:`, err);
    }
  }

  private dropConnection(): void {
    this.lv = null;
    for (const c of this.cleanups.splice(0)) {
      try {
        c();
      } catch {
        // a cleanup of a dead connection has nothing left to undo
      }
    }
  }

  private setState(patch: Partial<Omit<HostState, 'hostId'>>): void {
    const statusChanged = patch.status !== undefined && patch.status !== this.current.status;
    this.current = { ...this.current, ...patch, ...(statusChanged && { since: Date.now() }) };
    this.opts.onState?.(this.current);
  }
}

function errorText(err: unknown): string {
  return connectErrorSummary(err);
}

function closeReason(why: unknown): string {
  if (why && typeof why === 'object' && 'error' in why && why.error instanceof Error) return connectErrorSummary(why.error);
  return 'connection closed';
}
