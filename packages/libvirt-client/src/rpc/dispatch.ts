// Where each packet from the daemon goes, by its type: REPLY to the call waiting on its serial,
// STREAM to the stream of its serial, keepalive PING/PONG to the keepalive, any other MESSAGE
// to the event subscribers. Packets nobody waits for (late replies, data of an aborted stream)
// are dropped.
import { MessageStatus, MessageType, payloadBytes, payloadReader } from './framing.js';
import type { Packet } from './framing.js';
import type { PendingCalls } from './calls.js';
import type { EventRouter } from './event-router.js';
import { KEEPALIVE_PROC_PING, KEEPALIVE_PROC_PONG, KEEPALIVE_PROGRAM } from './keepalive.js';
import { readLibvirtError } from './remote-error.js';
import type { StreamSink } from './streams.js';

export interface Routes {
  readonly calls: PendingCalls;
  readonly events: EventRouter;
  streamOf(serial: number): StreamSink | undefined;
  /** The daemon's keepalive PING: answer it. */
  ping(): void;
  /** The daemon's PONG to our PING. */
  pong(): void;
}

export function dispatch(p: Packet, routes: Routes): void {
  const h = p.header;
  switch (h.type) {
    case MessageType.REPLY:
    case MessageType.REPLY_WITH_FDS:
      routes.calls.settle(p);
      return;
    case MessageType.STREAM:
    case MessageType.STREAM_HOLE: {
      const s = routes.streamOf(h.serial);
      if (!s) return;
      if (h.type === MessageType.STREAM_HOLE) s.onHole(payloadReader(p).hyper());
      else if (h.status === MessageStatus.CONTINUE) s.onData(payloadBytes(p));
      else if (h.status === MessageStatus.OK) s.onEnd();
      else s.onError(readLibvirtError(payloadReader(p)));
      return;
    }
    case MessageType.MESSAGE:
      if (h.program !== KEEPALIVE_PROGRAM) routes.events.deliver(p);
      else if (h.procedure === KEEPALIVE_PROC_PING) routes.ping();
      else if (h.procedure === KEEPALIVE_PROC_PONG) routes.pong();
      return;
    default:
      // CALLs from the daemon do not exist in libvirt's protocol; ignore.
      return;
  }
}
