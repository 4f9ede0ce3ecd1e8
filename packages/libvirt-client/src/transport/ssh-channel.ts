// An ssh2 channel as a plain Duplex, with backpressure both ways: the common part of the exec
// stream (ssh.ts) and of a forwarded tunnel (ssh-forward.ts). How the stream ends is theirs to say.
import { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';

export class ChannelDuplex extends Duplex {
  constructor(protected readonly channel: ClientChannel) {
    super({ allowHalfOpen: false });
    channel.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) channel.pause();
    });
  }

  override _read(): void {
    this.channel.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.channel.write(chunk, cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.channel.end();
    cb();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.channel.destroy();
    cb(err);
  }
}
