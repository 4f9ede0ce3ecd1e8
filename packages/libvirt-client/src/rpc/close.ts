// How a connection ends, once: a local close() (wait for the replies still owed, say goodbye,
// end the socket) or a failure (destroy the socket). Either way everything still waiting
// learns why through `teardown`, and `closed` resolves with the reason.
import type { Duplex } from 'node:stream';
import { TransportError } from '../errors.js';
import type { LibvirtClientError } from '../errors.js';

/**
 * How long close() waits for the replies still owed before it says goodbye. libvirtd 9.0 can
 * crash (NULL callback array in remoteClientFreePrivateCallbacks) when a client leaves while one
 * of its event registrations is still being dispatched; a client that waits never races it.
 */
export const CLOSE_DRAIN_MS = 5_000;

/** Why the connection closed: `error` is null after a local `close()`. */
export interface ConnectionClosed {
  error: LibvirtClientError | null;
}

export class ConnectionEnd {
  /** Resolves once, when the connection is gone; never rejects. */
  readonly closed: Promise<ConnectionClosed>;
  private resolveClosed!: (c: ConnectionClosed) => void;
  private why: LibvirtClientError | null = null;
  private ended = false;
  private closing = false;

  constructor(
    private readonly description: string,
    private readonly socket: Duplex,
    /** Fails everything still waiting with the given error. */
    private readonly teardown: (err: TransportError) => void,
  ) {
    this.closed = new Promise((r) => (this.resolveClosed = r));
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** The error for anything attempted once the connection is gone: a TransportError whose cause tells why. */
  error(): TransportError {
    const why = this.why;
    if (why instanceof TransportError) return why;
    return new TransportError(`${this.description}: ${why ? why.message : 'connection closed'}`, why ? { cause: why } : undefined);
  }

  /** Ends now; `why` null means a local close. Later calls do nothing. */
  end(why: LibvirtClientError | null): void {
    if (this.ended) return;
    this.ended = true;
    this.why = why;
    this.teardown(why ? this.error() : new TransportError(`${this.description}: connection closed`));
    if (why) this.socket.destroy();
    else {
      this.socket.end();
      // Give the daemon a moment to see our FIN, then let go of the socket.
      setTimeout(() => this.socket.destroy(), 1000).unref();
    }
    this.resolveClosed({ error: why });
  }

  /** The graceful end: wait for the replies owed (at most CLOSE_DRAIN_MS), say goodbye, end. */
  async close(whenIdle: (ms: number) => Promise<void>, goodbye?: () => Promise<unknown>): Promise<void> {
    if (this.ended || this.closing) {
      await this.closed;
      return;
    }
    this.closing = true;
    await whenIdle(CLOSE_DRAIN_MS);
    if (goodbye && !this.ended) {
      try {
        await goodbye();
      } catch {
        // The daemon may be gone already; closing goes on regardless.
      }
    }
    this.end(null);
    await this.closed;
  }
}
