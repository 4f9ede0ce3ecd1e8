// libvirt's keepalive (virkeepaliveprotocol.x): PING and PONG are MESSAGE packets of program
// 0x6b656570 with no payload. Any packet from the peer proves it alive; after `count` PINGs sent
// into silence, one interval apart, the peer is declared dead (as virKeepAliveTimer does).
import { TimeoutError } from '../errors.js';

export { KEEPALIVE_PROGRAM, KEEPALIVE_PROTOCOL_VERSION, KEEPALIVE_PROC_PING, KEEPALIVE_PROC_PONG } from '../gen/keepalive.gen.js';

export interface KeepaliveOptions {
  /** Seconds of silence before a PING is sent (libvirt's default is 5; fractions allowed). */
  interval: number;
  /** Unanswered PINGs before the peer is declared dead (libvirt's default is 5). */
  count: number;
}

export class KeepaliveTimer {
  private lastReceived = Date.now();
  private missed = 0;
  private held = false;
  private timer: NodeJS.Timeout | null;

  constructor(
    private readonly opts: KeepaliveOptions,
    private readonly sendPing: () => void,
    private readonly onDead: (e: TimeoutError) => void,
  ) {
    if (!(opts.interval > 0) || !Number.isInteger(opts.count) || opts.count < 1) {
      throw new RangeError(`keepalive: bad interval ${opts.interval} or count ${opts.count}`);
    }
    const ms = opts.interval * 1000;
    this.timer = setInterval(() => this.tick(ms), ms);
    this.timer.unref();
  }

  /** Call for every packet received from the peer. */
  received(): void {
    this.lastReceived = Date.now();
    this.missed = 0;
  }

  /**
   * While we pause reading on purpose (a stream consumer lags), the peer's silence proves
   * nothing: the clock is held. The daemon runs its own keepalive and may still give up on us.
   */
  hold(on: boolean): void {
    this.held = on;
    this.received();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(ms: number): void {
    // A tick can fire a hair early; allow a little slack so a quiet peer is pinged on time.
    if (this.held || Date.now() - this.lastReceived < ms - 5) return;
    if (this.missed >= this.opts.count) {
      this.stop();
      const silent = ((Date.now() - this.lastReceived) / 1000).toFixed(1);
      this.onDead(new TimeoutError(`keepalive: no answer to ${this.missed} pings (peer silent for ${silent} s)`));
      return;
    }
    this.missed++;
    this.sendPing();
  }
}
