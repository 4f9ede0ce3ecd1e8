// Event subscriptions: MESSAGE packets routed by (program, procedure) to bounded async queues.
// The facade filters domain events by callbackID on top of this.

/** An async iterable of events; `unsubscribe()` is idempotent and ends the iteration. */
export interface Subscription<T> extends AsyncIterable<T> {
  unsubscribe(): void;
  /** Events dropped because the consumer fell more than `maxBuffered` behind. */
  readonly dropped: number;
  readonly active: boolean;
}

export interface SubscribeOptions {
  /** Oldest events are dropped past this many unconsumed ones (default 1024). */
  maxBuffered?: number;
  /** Aborting unsubscribes. */
  signal?: AbortSignal;
}

type Waiter<T> = { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void };

export class EventQueue<T> implements Subscription<T> {
  private buf: T[] = [];
  private waiters: Waiter<T>[] = [];
  private ended = false;
  private error: unknown = null;
  private _dropped = 0;
  private readonly maxBuffered: number;
  private readonly onUnsubscribe: () => void;
  private readonly abortListener: (() => void) | null = null;
  private readonly signal: AbortSignal | undefined;

  constructor(onUnsubscribe: () => void, opts: SubscribeOptions = {}) {
    this.onUnsubscribe = onUnsubscribe;
    this.maxBuffered = Math.max(1, opts.maxBuffered ?? 1024);
    this.signal = opts.signal;
    if (opts.signal) {
      if (opts.signal.aborted) queueMicrotask(() => this.unsubscribe());
      else {
        this.abortListener = () => this.unsubscribe();
        opts.signal.addEventListener('abort', this.abortListener, { once: true });
      }
    }
  }

  get dropped(): number {
    return this._dropped;
  }

  get active(): boolean {
    return !this.ended;
  }

  /** Delivers one event (called by the connection's reader loop). */
  push(v: T): void {
    if (this.ended) return;
    const w = this.waiters.shift();
    if (w) return w.resolve({ value: v, done: false });
    this.buf.push(v);
    if (this.buf.length > this.maxBuffered) {
      this.buf.shift();
      this._dropped++;
    }
  }

  /** Ends the queue: buffered events are still delivered, then `error` is thrown (or done). */
  end(error: unknown = null): void {
    if (this.ended) return;
    this.ended = true;
    this.error = error;
    if (this.abortListener && this.signal) this.signal.removeEventListener('abort', this.abortListener);
    for (const w of this.waiters.splice(0)) {
      if (error) w.reject(error);
      else w.resolve({ value: undefined, done: true });
    }
  }

  unsubscribe(): void {
    if (this.ended) return;
    this.buf = [];
    this.end(null);
    this.onUnsubscribe();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.buf.length > 0) return Promise.resolve({ value: this.buf.shift()!, done: false });
        if (this.ended) {
          if (this.error) {
            const e = this.error;
            this.error = null; // thrown once; later calls see done
            return Promise.reject(e);
          }
          return Promise.resolve({ value: undefined, done: true });
        }
        return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
      },
      return: () => {
        this.unsubscribe();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
