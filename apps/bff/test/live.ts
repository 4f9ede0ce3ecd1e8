// Collects a subscription's events so tests can wait for the one they expect.
export interface Collector<T> {
  events: T[];
  waitFor(pred: (e: T) => boolean, timeoutMs?: number): Promise<T>;
}

export function collector<T>(): Collector<T> & { push(e: T): void } {
  const events: T[] = [];
  const waiters: { pred: (e: T) => boolean; resolve: (e: T) => void }[] = [];
  return {
    events,
    push(e) {
      events.push(e);
      for (const w of [...waiters]) {
        if (w.pred(e)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(e);
        }
      }
    },
    waitFor(pred, timeoutMs = 20_000) {
      const seen = events.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; saw ${JSON.stringify(events)}`)), timeoutMs);
        waiters.push({
          pred,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
  };
}
