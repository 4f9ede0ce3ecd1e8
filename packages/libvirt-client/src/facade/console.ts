// A domain's serial/virtio console over domainOpenConsole. The daemon treats the stream as
// two-way while its .x annotation says `@readstream`, so it is opened as the engine's duplex
// stream: bytes from the guest on its readable side, ours through its writable side.
import type { Readable } from 'node:stream';
import { LibvirtClientError } from '../errors.js';
import { remoteProcedures as rp, VirDomainConsoleFlags } from '../gen/index.js';
import type { RpcConnection } from '../rpc/connection.js';
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
  const { stream } = await rpc.openDuplexStream(rp.domainOpenConsole, { dom, dev_name: devName, flags: flagsOf(VirDomainConsoleFlags, flags) });
  return {
    readable: stream,
    write(data) {
      if (stream.destroyed || stream.readableEnded || stream.writableEnded) return Promise.reject(new LibvirtClientError('console: closed'));
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      // The callback runs once the stream's packets are on the socket (it waits for drain).
      return new Promise((resolve, reject) => stream.write(bytes, (e) => (e ? reject(e) : resolve())));
    },
    close() {
      if (!stream.destroyed) stream.destroy();
    },
  };
}
