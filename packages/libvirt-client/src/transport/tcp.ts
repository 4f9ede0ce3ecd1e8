// qemu+tcp://: plain TCP, no encryption (port 16509). Only for trusted networks or loopback.
import net from 'node:net';
import type { Transport } from './transport.js';
import { connectSocket } from './unix.js';

export interface TcpTransportOptions {
  host: string;
  port: number; // default 16509
  connectTimeoutMs?: number;
  /** TCP keepalive probes on the socket (libvirt's own keepalive runs above regardless). */
  tcpKeepAlive?: boolean;
}

export function createTcpTransport(o: TcpTransportOptions): Transport {
  const description = `tcp:${o.host.includes(':') ? `[${o.host}]` : o.host}:${o.port}`;
  return {
    description,
    connect: async (signal) => {
      const s = await connectSocket(() => net.connect({ host: o.host, port: o.port }), description, o.connectTimeoutMs, signal);
      if (o.tcpKeepAlive !== false) (s as net.Socket).setKeepAlive(true, 30_000);
      return s;
    },
  };
}
