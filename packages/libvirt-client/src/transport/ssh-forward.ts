// TCP connections made by the ssh server on the far end (ssh -L, "direct-tcpip" channels): how a
// console whose VNC or SPICE server listens on a remote host's own loopback is reached without
// opening that port to the network. The same login and host-key checks as the ssh transport.
// One logged-in connection carries every channel (a SPICE console opens several at once); it is
// made on first use, dropped when it fails, and closed once no channel has been open for idleMs.
import type { Duplex } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import { TransportError } from '../errors.js';
import { sshLogin, sshWhere } from './ssh.js';
import { ChannelDuplex } from './ssh-channel.js';
import type { SshConnectOptions } from './ssh.js';

export interface ForwardTarget {
  /** As the far end resolves it: usually 127.0.0.1 or ::1. */
  host: string;
  port: number;
}

/**
 * A forwarded channel: ssh2's channel emits 'close' only once its data has been read to the
 * end, so a tunnel nobody reads would never count as closed; this one closes when destroyed or
 * when the far end closes, like a socket.
 */
class ForwardedChannel extends ChannelDuplex {
  constructor(channel: ClientChannel) {
    super(channel);
    channel.on('end', () => this.push(null));
    channel.on('close', () => this.destroy());
    channel.on('error', (err: Error) => this.destroy(err));
  }
}

export class SshForwarder {
  private client: Promise<Client> | null = null;
  private readonly channels = new Set<Duplex>();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly where: string;

  constructor(
    private readonly options: SshConnectOptions,
    private readonly idleMs = 60_000,
  ) {
    this.where = `ssh:${sshWhere(options)}`;
  }

  /** A channel to `target` as seen from the ssh host; destroy it when done. */
  async open(target: ForwardTarget): Promise<Duplex> {
    this.stopIdleTimer();
    const description = `${this.where} -> ${target.host}:${target.port}`;
    let client: Client;
    try {
      client = await (this.client ??= this.login());
    } catch (e) {
      this.startIdleTimer();
      throw e;
    }
    return new Promise<Duplex>((resolve, reject) => {
      client.forwardOut('127.0.0.1', 0, target.host, target.port, (err, channel) => {
        if (err) {
          this.startIdleTimer();
          // OpenSSH says "Connection refused" (or "administratively prohibited" when forwarding is off).
          return reject(new TransportError(`${description}: the ssh server could not connect: ${err.message}`, { cause: err }));
        }
        const tunnel = new ForwardedChannel(channel);
        this.channels.add(tunnel);
        tunnel.once('close', () => {
          this.channels.delete(tunnel);
          this.startIdleTimer();
        });
        resolve(tunnel);
      });
    });
  }

  /** Ends the ssh connection and every channel on it. */
  close(): void {
    this.stopIdleTimer();
    const client = this.client;
    this.client = null;
    for (const ch of this.channels) ch.destroy();
    void client?.then((c) => c.end(), () => {});
  }

  private login(): Promise<Client> {
    const pending = sshLogin(this.options, this.where);
    const forget = () => {
      if (this.client === pending) this.client = null;
    };
    pending.then(
      (c) => {
        // The connection failing ends its channels: their readers see them close.
        c.on('error', () => {});
        c.on('close', () => {
          forget();
          for (const ch of this.channels) ch.destroy();
        });
      },
      forget,
    );
    return pending;
  }

  private startIdleTimer(): void {
    if (this.channels.size > 0 || this.idleTimer) return;
    if (this.idleMs <= 0) return this.close();
    this.idleTimer = setTimeout(() => this.close(), this.idleMs);
    this.idleTimer.unref();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

/** One channel on a connection of its own, which ends with the channel. */
export async function openSshForward(o: SshConnectOptions, target: ForwardTarget): Promise<Duplex> {
  return new SshForwarder(o, 0).open(target);
}
