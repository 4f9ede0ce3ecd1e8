// What one /trpc websocket holds: the session it opened with (registered with SessionSockets, so
// it closes when that session ends or its user changes), a count of its running subscriptions
// (capped), and backpressure: a subscription pulls its next event only once the socket has sent
// what it already holds, so a slow browser costs a bounded buffer instead of an ever longer one.
import { TRPCError } from '@trpc/server';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { BoundSocket, SocketVerdict } from '../auth/session-sockets.js';

export interface WsConnectionLimits {
  maxSubscriptionsPerSocket: number;
  socketHighWaterBytes: number;
}

export class WsConnection {
  private subscriptions = 0;

  constructor(
    private readonly ws: WebSocket,
    /** The TCP socket under `ws`: its 'drain' says the browser took what was sent. */
    private readonly raw: Duplex,
    readonly bound: BoundSocket,
    private readonly limits: WsConnectionLimits,
  ) {}

  get openSubscriptions(): number {
    return this.subscriptions;
  }

  /** Closes the socket once the answer to the call in progress is on its way. */
  closeSoon(verdict: SocketVerdict): void {
    setImmediate(() => this.bound.close(verdict));
  }

  /** Counts a new subscription, or throws when the socket runs its maximum already. */
  claimSubscription(): () => void {
    const max = this.limits.maxSubscriptionsPerSocket;
    if (this.subscriptions >= max) {
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `at most ${max} live subscriptions per connection: stop one first` });
    }
    this.subscriptions++;
    let released = false;
    return () => {
      if (!released) this.subscriptions--;
      released = true;
    };
  }

  private get backedUp(): boolean {
    return this.ws.readyState === this.ws.OPEN && this.ws.bufferedAmount > this.limits.socketHighWaterBytes;
  }

  /** Resolves once the socket holds at most its high-water mark unsent, closes, or `stop` fires. */
  private async drained(stop: Promise<void>, stopped: () => boolean): Promise<void> {
    while (this.backedUp && !stopped()) {
      let done = () => {};
      const wait = new Promise<void>((resolve) => {
        done = resolve;
        this.raw.once('drain', resolve);
        this.ws.once('close', resolve);
      });
      await Promise.race([wait, stop]);
      this.raw.off('drain', done);
      this.ws.off('close', done);
    }
  }

  /**
   * `source`, pulled only while the socket keeps up; `onEnd` runs once when the subscription ends
   * (done, failed or stopped, even before its first event).
   */
  paced<T>(source: AsyncIterable<T>, onEnd: () => void): AsyncIterable<T> {
    return {
      [Symbol.asyncIterator]: () => {
        const it = source[Symbol.asyncIterator]();
        let stopNow = () => {};
        const stop = new Promise<void>((resolve) => (stopNow = resolve));
        let ended = false;
        const end = () => {
          if (ended) return;
          ended = true;
          stopNow();
          onEnd();
        };
        return {
          next: async (): Promise<IteratorResult<T>> => {
            if (!ended) await this.drained(stop, () => ended);
            if (ended) return { done: true, value: undefined };
            try {
              const r = await it.next();
              if (r.done) end();
              return r;
            } catch (e) {
              end();
              throw e;
            }
          },
          return: async (value?: unknown): Promise<IteratorResult<T>> => {
            end();
            await it.return?.(value);
            return { done: true, value: undefined };
          },
        };
      },
    };
  }
}
