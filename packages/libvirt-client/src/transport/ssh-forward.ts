// A TCP connection made by the ssh server on the far end (ssh -L, a "direct-tcpip" channel): how
// a console whose VNC or SPICE server listens on a remote host's own loopback is reached without
// opening that port to the network. The same login and host-key checks as the ssh transport.
import type { Duplex } from 'node:stream';
import { TransportError } from '../errors.js';
import { sshLogin, sshWhere } from './ssh.js';
import type { SshConnectOptions } from './ssh.js';

export interface ForwardTarget {
  /** As the far end resolves it: usually 127.0.0.1 or ::1. */
  host: string;
  port: number;
}

/**
 * Logs in and opens a channel to `target` as seen from the ssh host. The channel is the byte
 * stream; destroying or ending it closes the ssh connection too.
 */
export async function openSshForward(o: SshConnectOptions, target: ForwardTarget, signal?: AbortSignal): Promise<Duplex> {
  const description = `ssh:${sshWhere(o)} -> ${target.host}:${target.port}`;
  const client = await sshLogin(o, description, signal);
  return new Promise<Duplex>((resolve, reject) => {
    client.once('error', (err: Error) => reject(new TransportError(`${description}: ${err.message}`, { cause: err })));
    client.forwardOut('127.0.0.1', 0, target.host, target.port, (err, channel) => {
      if (err) {
        client.end();
        // OpenSSH says "Connection refused" (or "administratively prohibited" when forwarding is off).
        return reject(new TransportError(`${description}: the ssh server could not connect: ${err.message}`, { cause: err }));
      }
      client.removeAllListeners('error');
      // The ssh connection failing ends the channel: its reader sees it close.
      client.on('error', () => channel.destroy());
      client.on('close', () => channel.destroy());
      channel.once('close', () => client.end());
      resolve(channel);
    });
  });
}
