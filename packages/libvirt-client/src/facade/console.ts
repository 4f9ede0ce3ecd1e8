// A domain's serial/virtio console over domainOpenConsole. The daemon treats the stream as
// two-way, but the generated table marks the procedure `read` (its .x annotation), and the RPC
// engine has read and write streams, not a duplex one. So: the read side is the engine's
// RpcReadStream; writes go out as STREAM CONTINUE packets on the same serial through the
// connection's StreamHost interface (sendStream/drained), cut at STREAM_CHUNK_MAX. See the
// report for the duplex stream the engine should grow.
import type { Readable } from 'node:stream';
import { LibvirtClientError } from '../errors.js';
import { remoteProcedures as rp, VirDomainConsoleFlags } from '../gen/index.js';
import type { RpcConnection } from '../rpc/connection.js';
import { MessageStatus } from '../rpc/framing.js';
import { STREAM_CHUNK_MAX } from '../rpc/streams.js';
import { flagsOf, type Flags } from './names.js';
import { resolveDomain, type DomainRef } from './refs.js';

export interface ConsoleStream {
  /** Bytes from the guest; ends when the daemon closes the console (e.g. the guest stops). */
  readonly readable: Readable;
  /** Sends bytes to the guest; resolves once the socket took them (backpressure). */
  write(data: Uint8Array | string): Promise<void>;
  /** Closes the console (aborts the stream on the daemon); idempotent. */
  close(): void;
}

export async function openConsole(
  rpc: RpcConnection,
  domain: DomainRef,
  devName: string | null = null,
  flags?: Flags<typeof VirDomainConsoleFlags>,
): Promise<ConsoleStream> {
  const dom = await resolveDomain(rpc, domain);
  const { stream } = await rpc.openReadStream(rp.domainOpenConsole, { dom, dev_name: devName, flags: flagsOf(VirDomainConsoleFlags, flags) });
  const closedError = (): LibvirtClientError => new LibvirtClientError('console: closed');
  return {
    readable: stream,
    async write(data) {
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      for (let off = 0; off < bytes.length; off += STREAM_CHUNK_MAX) {
        if (stream.destroyed || stream.readableEnded) throw closedError();
        if (!rpc.sendStream(stream.serial, MessageStatus.CONTINUE, bytes.subarray(off, off + STREAM_CHUNK_MAX))) await rpc.drained();
      }
    },
    close() {
      if (!stream.destroyed) stream.destroy();
    },
  };
}
