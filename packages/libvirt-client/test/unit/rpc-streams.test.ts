import { afterEach, describe, expect, it, vi } from 'vitest';
import { LibvirtError, TransportError } from '../../src/errors.js';
import { RpcConnection } from '../../src/rpc/connection.js';
import { MessageStatus, MessageType, payloadBytes } from '../../src/rpc/framing.js';
import type { Packet } from '../../src/rpc/framing.js';
import { STREAM_CHUNK_MAX } from '../../src/rpc/streams.js';
import { FakePeer, ioTurn, memoryDuplexPair } from '../../src/rpc/testing.js';
import { xdrVoid } from '../../src/xdr/index.js';
import type { ProcedureDef, XdrCodec } from '../../src/xdr/index.js';

const int: XdrCodec<number> = { encode: (w, v) => void w.int(v), decode: (r) => r.int() };
const upload: ProcedureDef<number, void, 'write'> = { name: 'UPLOAD', program: 0x20008086, version: 1, procedure: 208, args: int, ret: xdrVoid, stream: 'write', highPriority: false };
const download: ProcedureDef<number, void, 'read'> = { ...upload, name: 'DOWNLOAD', procedure: 209, stream: 'read' };
const echo: ProcedureDef<number, number, 'none'> = { ...upload, name: 'ECHO', procedure: 500, ret: int, stream: 'none' };

const open: RpcConnection[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.destroy();
  vi.useRealTimers();
});
function setup(): { conn: RpcConnection; peer: FakePeer } {
  const [client, server] = memoryDuplexPair();
  const conn = new RpcConnection(client);
  open.push(conn);
  return { conn, peer: new FakePeer(server) };
}
const pattern = (n: number, seed = 1): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

async function nextStreamPacket(peer: FakePeer): Promise<Packet> {
  for (;;) {
    const p = await peer.next();
    if (p.header.type === MessageType.STREAM) return p;
  }
}

describe('write streams', () => {
  it('cut data into STREAM packets of at most 262120 bytes, then finish with OK and wait for the confirm', async () => {
    const { conn, peer } = setup();
    const opening = conn.openWriteStream(upload, 1);
    const call = await peer.next();
    expect(call.header.type).toBe(MessageType.CALL);
    peer.reply(call, xdrVoid, undefined);
    const { stream } = await opening;
    const data = pattern(1_000_000);
    stream.write(data);
    stream.write(pattern(100, 7));
    const finishing = stream.finish();

    const received: Uint8Array[] = [];
    for (;;) {
      const p = await nextStreamPacket(peer);
      expect(p.header.serial).toBe(call.header.serial);
      expect(p.header.procedure).toBe(208);
      if (p.header.status !== MessageStatus.CONTINUE) {
        expect(p.header.status).toBe(MessageStatus.OK);
        expect(payloadBytes(p).length).toBe(0);
        break;
      }
      expect(payloadBytes(p).length).toBeLessThanOrEqual(STREAM_CHUNK_MAX);
      received.push(payloadBytes(p).slice());
    }
    expect(STREAM_CHUNK_MAX).toBe(262_120);
    expect(received.length).toBe(5); // 4 packets for 1 MB, one for the 100 bytes
    expect(Buffer.concat(received).equals(Buffer.concat([data, pattern(100, 7)]))).toBe(true);

    let done = false;
    void finishing.then(() => (done = true));
    await ioTurn();
    expect(done).toBe(false); // waits for the daemon's confirmation
    peer.stream(call, MessageStatus.OK);
    await finishing;
  });

  it('wait for the socket to drain (backpressure) instead of buffering without bound', async () => {
    const { conn, peer } = setup();
    const opening = conn.openWriteStream(upload, 1, { highWaterMark: 64 * 1024 });
    peer.reply(await peer.next(), xdrVoid, undefined);
    const { stream } = await opening;
    peer.socket.pause(); // the daemon stops reading
    const total = 4 * 1024 * 1024;
    let accepted = 0;
    let writes = 0;
    let waitingForDrain = false;
    const writer = (async () => {
      for (let off = 0; off < total; off += 65536) {
        writes++;
        if (!stream.write(pattern(65536))) {
          waitingForDrain = true;
          await new Promise((r) => stream.once('drain', r));
          waitingForDrain = false;
        }
        accepted += 65536;
      }
    })();
    const client = peer.socket.peer;
    // Wait until the writer is stuck on 'drain' and nothing moves any more in one turn.
    let lastWritten = -1;
    while (!waitingForDrain || client.written !== lastWritten) {
      lastWritten = client.written;
      await ioTurn();
    }
    // Only a bounded amount left the stream while the daemon was not reading.
    expect(accepted).toBeLessThan(total / 2);
    expect(client.written).toBeLessThan(total / 2);
    peer.socket.resume();
    await writer;
    expect(writes).toBe(64);
    stream.destroy();
  });

  it('surface a daemon error during upload as LibvirtError', async () => {
    const { conn, peer } = setup();
    const opening = conn.openWriteStream(upload, 1);
    const call = await peer.next();
    peer.reply(call, xdrVoid, undefined);
    const { stream } = await opening;
    stream.write(pattern(10));
    await nextStreamPacket(peer);
    peer.replyError(call, { code: 38, domain: 18, message: 'cannot write: No space left on device' }, MessageType.STREAM);
    const e = await stream.finish().catch((e: unknown) => e);
    expect(e).toBeInstanceOf(LibvirtError);
    expect(e).toMatchObject({ code: 38, domain: 18 });
  });

  it('abort sends a STREAM ERROR packet; the daemon’s answer is swallowed', async () => {
    const { conn, peer } = setup();
    const opening = conn.openWriteStream(upload, 1);
    const call = await peer.next();
    peer.reply(call, xdrVoid, undefined);
    const { stream } = await opening;
    await stream.abort();
    const p = await nextStreamPacket(peer);
    expect(p.header.status).toBe(MessageStatus.ERROR);
    peer.replyError(call, { code: 39, domain: 7, message: 'stream aborted at client request' });
    const q = conn.call(echo, 1);
    peer.reply(await peer.next(), int, 2);
    expect(await q).toBe(2);
  });

  it('an error reply to the opening call rejects and leaves no stream', async () => {
    const { conn, peer } = setup();
    const opening = conn.openWriteStream(upload, 1);
    peer.replyError(await peer.next(), { code: 55, domain: 18, message: 'no volume' });
    await expect(opening).rejects.toBeInstanceOf(LibvirtError);
  });
});

describe('read streams', () => {
  it('pause the socket when the consumer lags (bounded buffering), then deliver everything', async () => {
    const { conn, peer } = setup();
    const opening = conn.openReadStream(download, 1, { highWaterMark: 128 * 1024 });
    const call = await peer.next();
    peer.reply(call, xdrVoid, undefined);
    const { stream } = await opening;
    const chunks = Array.from({ length: 50 }, (_, i) => pattern(65536, i));
    for (const c of chunks) peer.stream(call, MessageStatus.CONTINUE, c);
    peer.stream(call, MessageStatus.CONTINUE); // libvirtd's end of data: an empty CONTINUE packet
    await ioTurn();
    // The consumer has read nothing: our side holds a bounded amount, the rest waits upstream.
    expect(stream.readableLength).toBeLessThanOrEqual(128 * 1024 + 65536);
    expect(peer.socket.writableLength).toBeGreaterThan(2 * 1024 * 1024);

    // Other calls still get answers once the stream is consumed.
    const got: Buffer[] = [];
    const finishing = (async () => {
      for await (const c of stream) got.push(c as Buffer);
    })();
    const fin = await nextStreamPacket(peer); // we confirm the daemon's end with our own OK
    expect(fin.header.status).toBe(MessageStatus.OK);
    expect(fin.header.serial).toBe(call.header.serial);
    peer.stream(call, MessageStatus.OK); // the daemon's confirmation ends the stream
    await finishing;
    expect(Buffer.concat(got).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('a consumer that stops reading holds back every other reply of the connection until it reads', async () => {
    const { conn, peer } = setup();
    const opening = conn.openReadStream(download, 1, { highWaterMark: 64 * 1024 });
    const call = await peer.next();
    peer.reply(call, xdrVoid, undefined);
    const { stream } = await opening;
    let answer: number | null = null;
    const asked = conn.call(echo, 7).then((v) => (answer = v));
    const ask = await peer.next();
    // The daemon sends more stream data than the consumer takes, then the other call's reply.
    for (let i = 0; i < 8; i++) peer.stream(call, MessageStatus.CONTINUE, pattern(65536, i));
    peer.reply(ask, int, 8);
    await ioTurn();
    expect(answer).toBeNull(); // one socket: the reply waits behind the unread data
    stream.resume(); // reading again lets everything through
    await asked;
    expect(answer).toBe(8);
    stream.destroy();
  });

  it('also end on a STREAM OK packet from the daemon', async () => {
    const { conn, peer } = setup();
    const opening = conn.openReadStream(download, 1);
    const call = await peer.next();
    peer.reply(call, xdrVoid, undefined);
    const { stream } = await opening;
    peer.stream(call, MessageStatus.CONTINUE, pattern(10));
    peer.stream(call, MessageStatus.OK);
    const reading = (async () => {
      let n = 0;
      for await (const c of stream) n += (c as Buffer).length;
      return n;
    })();
    expect((await nextStreamPacket(peer)).header.status).toBe(MessageStatus.OK);
    peer.stream(call, MessageStatus.OK);
    expect(await reading).toBe(10);
  });

  it('surface a daemon stream error as LibvirtError', async () => {
    const { conn, peer } = setup();
    const opening = conn.openReadStream(download, 1);
    const call = await peer.next();
    peer.reply(call, xdrVoid, undefined);
    const { stream } = await opening;
    peer.stream(call, MessageStatus.CONTINUE, pattern(10));
    peer.replyError(call, { code: 1, domain: 18, message: 'read failed' }, MessageType.STREAM);
    const e = await (async () => {
      for await (const _ of stream);
    })().catch((e: unknown) => e);
    expect(e).toBeInstanceOf(LibvirtError);
    expect((e as LibvirtError).message).toBe('read failed');
  });

  it('a consumer that stops early aborts the stream on the daemon', async () => {
    const { conn, peer } = setup();
    const opening = conn.openReadStream(download, 1);
    const call = await peer.next();
    peer.reply(call, xdrVoid, undefined);
    const { stream } = await opening;
    peer.stream(call, MessageStatus.CONTINUE, pattern(10));
    for await (const _ of stream) break;
    const abort = await nextStreamPacket(peer);
    expect(abort.header.status).toBe(MessageStatus.ERROR);
    peer.stream(call, MessageStatus.CONTINUE, pattern(10)); // in flight: swallowed
    peer.replyError(call, { code: 39, domain: 7, message: 'stream aborted at client request' });
    const q = conn.call(echo, 5);
    peer.reply(await peer.next(), int, 6);
    expect(await q).toBe(6);
  });

  it('fail with TransportError when the connection drops mid-stream', async () => {
    const { conn, peer } = setup();
    const opening = conn.openReadStream(download, 1);
    const call = await peer.next();
    peer.reply(call, xdrVoid, undefined);
    const { stream } = await opening;
    peer.stream(call, MessageStatus.CONTINUE, pattern(10));
    const reading = (async () => {
      for await (const _ of stream);
    })();
    await ioTurn();
    peer.close();
    await expect(reading).rejects.toBeInstanceOf(TransportError);
  });
});

describe('duplex streams (consoles)', () => {
  const console_: ProcedureDef<number, void, 'read'> = { ...download, name: 'OPEN_CONSOLE', procedure: 201 };

  it('carry bytes both ways on one serial; the daemon’s end finishes both sides', async () => {
    const { conn, peer } = setup();
    const opening = conn.openDuplexStream(console_, 1);
    const call = await peer.next();
    peer.reply(call, xdrVoid, undefined);
    const { stream } = await opening;
    stream.write(Buffer.from('ls\r'));
    const typed = await nextStreamPacket(peer);
    expect(typed.header).toMatchObject({ serial: call.header.serial, procedure: 201, status: MessageStatus.CONTINUE });
    expect(Buffer.from(payloadBytes(typed)).toString()).toBe('ls\r');
    stream.write(pattern(STREAM_CHUNK_MAX + 5)); // cut in two packets
    expect(payloadBytes(await nextStreamPacket(peer)).length).toBe(STREAM_CHUNK_MAX);
    expect(payloadBytes(await nextStreamPacket(peer)).length).toBe(5);

    peer.stream(call, MessageStatus.CONTINUE, Buffer.from('bin etc\r\n'));
    const reading = (async () => {
      const got: Buffer[] = [];
      for await (const c of stream) got.push(c as Buffer);
      return Buffer.concat(got).toString();
    })();
    peer.stream(call, MessageStatus.CONTINUE); // guest closed the console
    expect((await nextStreamPacket(peer)).header.status).toBe(MessageStatus.OK); // our confirmation
    peer.stream(call, MessageStatus.OK);
    expect(await reading).toBe('bin etc\r\n');
    await stream.finish();
  });

  it('finish() from our side sends OK and resolves on the daemon’s confirmation', async () => {
    const { conn, peer } = setup();
    const opening = conn.openDuplexStream(console_, 1);
    const call = await peer.next();
    peer.reply(call, xdrVoid, undefined);
    const { stream } = await opening;
    stream.resume();
    const finishing = stream.finish();
    expect((await nextStreamPacket(peer)).header.status).toBe(MessageStatus.OK);
    peer.stream(call, MessageStatus.OK);
    await finishing;
  });
});

describe('stream cancellation by signal', () => {
  it('a stream call that times out is aborted on the daemon too', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { conn, peer } = setup();
    const opening = conn.openReadStream(download, 1, { timeoutMs: 20_000 }).catch((e: unknown) => e);
    const call = await peer.next();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await opening).toMatchObject({ name: 'TimeoutError', message: expect.stringMatching(/no reply within 20000 ms/) as string });
    const abort = await nextStreamPacket(peer);
    expect(abort.header).toMatchObject({ serial: call.header.serial, status: MessageStatus.ERROR });
    peer.reply(call, xdrVoid, undefined); // late: dropped
    peer.stream(call, MessageStatus.CONTINUE, pattern(10)); // dropped
    const q = conn.call(echo, 1);
    peer.reply(await peer.next(), int, 2);
    expect(await q).toBe(2);
  });

  it('aborting the signal after the stream opened aborts the transfer on the daemon', async () => {
    const { conn, peer } = setup();
    const ac = new AbortController();
    const opening = conn.openReadStream(download, 1, { signal: ac.signal });
    const call = await peer.next();
    peer.reply(call, xdrVoid, undefined);
    const { stream } = await opening;
    const reading = (async () => {
      for await (const _ of stream);
    })();
    ac.abort(new Error('user cancelled'));
    await expect(reading).rejects.toThrow('user cancelled');
    expect((await nextStreamPacket(peer)).header.status).toBe(MessageStatus.ERROR);
  });
});
