// Event subscriptions by (program, procedure): each MESSAGE packet is decoded once per
// subscriber into its bounded queue (events.ts). A payload that does not decode ends that
// subscription only; the framing is intact.
import { LibvirtClientError, ProtocolError } from '../errors.js';
import type { MessageDef } from '../xdr/index.js';
import { EventQueue } from './events.js';
import type { SubscribeOptions, Subscription } from './events.js';
import { payloadReader } from './framing.js';
import type { Packet } from './framing.js';

interface Subscriber {
  deliver(p: Packet): void;
  end(e: Error): void;
}

const keyOf = (program: number, procedure: number): string => `${program}:${procedure}`;

export class EventRouter {
  private readonly subscribers = new Map<string, Set<Subscriber>>();

  /** Subscriptions open now. */
  get count(): number {
    let n = 0;
    for (const s of this.subscribers.values()) n += s.size;
    return n;
  }

  /** A subscription to `def`; ended at once with `endedWith` when the connection is gone. */
  subscribe<M>(def: MessageDef<M>, opts: SubscribeOptions, endedWith: Error | null): Subscription<M> {
    const key = keyOf(def.program, def.procedure);
    let set = this.subscribers.get(key);
    if (!set) this.subscribers.set(key, (set = new Set()));
    const subs = set;
    const queue: EventQueue<M> = new EventQueue<M>(() => {
      subs.delete(sub);
      if (subs.size === 0 && this.subscribers.get(key) === subs) this.subscribers.delete(key);
    }, opts);
    const sub: Subscriber = {
      deliver: (p) => {
        try {
          const r = payloadReader(p);
          const v = def.msg.decode(r);
          r.done(def.name);
          queue.push(v);
        } catch (e) {
          queue.end(e instanceof LibvirtClientError ? e : new ProtocolError(`${def.name}: ${String(e)}`));
          subs.delete(sub);
        }
      },
      end: (e) => queue.end(e),
    };
    if (endedWith) queue.end(endedWith);
    else if (queue.active) subs.add(sub);
    return queue;
  }

  /** Hands a MESSAGE packet to every subscriber of its (program, procedure). */
  deliver(p: Packet): void {
    const subs = this.subscribers.get(keyOf(p.header.program, p.header.procedure));
    if (subs) for (const sub of [...subs]) sub.deliver(p);
  }

  /** Ends every subscription with `err` (the connection ended). */
  endAll(err: Error): void {
    for (const subs of this.subscribers.values()) for (const sub of subs) sub.end(err);
    this.subscribers.clear();
  }
}
