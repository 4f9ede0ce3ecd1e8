// A bounded, replayable log of live events. Each event gets an id that is unique to this BFF
// process; a client that reconnects with the last id it saw gets what it missed, or, when that
// id is too old or from another process, a `resync` telling it to fetch state afresh.
import { randomBytes } from 'node:crypto';

import type { Resync } from '@virtdeck/contract/live';

/**
 * Fetch state afresh: `too-old`, the last id seen is gone from the log; `reconnected`, a host was
 * away; `lagging`, this subscriber fell too far behind (a slow browser) and events were dropped.
 */
export type { Resync };

/** Events one subscriber may have waiting; past that they are dropped for one `lagging` resync. */
export const SUBSCRIBER_QUEUE_MAX = 1000;

export interface LoggedEvent<T> {
  id: string;
  event: T | Resync;
}

type Listener<T> = (e: LoggedEvent<T>) => void;

export class EventLog<T> {
  private seq = 0;
  private readonly buffer: LoggedEvent<T>[] = [];
  private readonly listeners = new Set<Listener<T>>();

  constructor(
    private readonly capacity = 2048,
    /** The ids' prefix: random per process, or shared by replicas (replicas/shared-live-events.ts). */
    private readonly boot = randomBytes(4).toString('hex'),
  ) {}

  push(event: T | Resync): LoggedEvent<T> {
    return this.record(this.seq + 1, event);
  }

  /**
   * Logs an event under a number given elsewhere (its row id in the replicas' shared window), which
   * must be above every number logged so far; ids may skip numbers.
   */
  record(seq: number, event: T | Resync): LoggedEvent<T> {
    this.seq = seq;
    const logged = { id: `${this.boot}-${seq}`, event };
    this.buffer.push(logged);
    if (this.buffer.length > this.capacity) this.buffer.shift();
    for (const l of this.listeners) l(logged);
    return logged;
  }

  /** The id of the newest event logged: `since(cursor())` later gives what was logged after now. */
  cursor(): string {
    return `${this.boot}-${this.seq}`;
  }

  /** Events after `lastId`; a resync when `lastId` is unknown here (too old, or another process). */
  since(lastId: string | null | undefined): LoggedEvent<T>[] {
    if (!lastId) return [];
    const [boot, n] = lastId.split('-');
    const seq = Number(n);
    const oldest = this.buffer[0] ? Number(this.buffer[0].id.split('-')[1]) : this.seq + 1;
    if (boot !== this.boot || !Number.isInteger(seq) || seq < oldest - 1 || seq > this.seq) {
      return [{ id: `${this.boot}-${this.seq}`, event: { kind: 'resync', reason: 'too-old', hostId: null } }];
    }
    return this.buffer.filter((e) => Number(e.id.split('-')[1]) > seq);
  }

  listen(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Yields the missed events after `lastId`, then live ones, until `signal` aborts. Live events
 * that arrive while the backlog is replayed are queued, so none is lost or doubled. A consumer
 * that lets more than `maxQueue` pile up (its socket is slow to drain) gets one `lagging` resync
 * in their place, carrying the id of the newest, so it resumes from there.
 */
export async function* follow<T>(
  log: EventLog<T>,
  lastId: string | null | undefined,
  signal: AbortSignal | undefined,
  maxQueue = SUBSCRIBER_QUEUE_MAX,
): AsyncGenerator<LoggedEvent<T>> {
  const queue: LoggedEvent<T>[] = [];
  let wake: (() => void) | null = null;
  const off = log.listen((e) => {
    if (queue.length < maxQueue) queue.push(e);
    else queue.splice(0, queue.length, { id: e.id, event: { kind: 'resync', reason: 'lagging', hostId: null } });
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    const backlog = log.since(lastId);
    const seen = new Set(backlog.map((e) => e.id));
    for (const e of backlog) yield e;
    while (!signal?.aborted) {
      const next = queue.shift();
      if (next) {
        if (!seen.has(next.id)) yield next;
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    off();
    signal?.removeEventListener('abort', onAbort);
  }
}
