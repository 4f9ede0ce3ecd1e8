// Waiting for events in integration tests: on the events themselves, with no deadline of our
// own. A test that waits in vain fails at its vitest timeout (120 s here), which says nothing
// about speed; a shorter deadline would fail a merely loaded machine.

/** The next value of `it` that `match` accepts; throws if the stream ends first. */
export async function nextMatching<T>(it: AsyncIterator<T>, match: (v: T) => boolean = () => true): Promise<T> {
  for (;;) {
    const r = await it.next();
    if (r.done) throw new Error('the event stream ended');
    if (match(r.value)) return r.value;
  }
}

/** The values `match` accepts, up to and including the first one `last` accepts. */
export async function takeUntil<T>(it: AsyncIterator<T>, match: (v: T) => boolean, last: (v: T) => boolean): Promise<T[]> {
  const out: T[] = [];
  for (;;) {
    const v = await nextMatching(it, match);
    out.push(v);
    if (last(v)) return out;
  }
}
